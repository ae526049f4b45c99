#include "latentset/mpi/MpiCommunicator.h"

#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <deque>
#include <thread>

namespace latentset {

struct PendingList {
    struct Send {
        MPI_Request request = MPI_REQUEST_NULL;
        std::string bytes;
    };
    std::deque<Send> sends;
};

namespace {

void check(int rc, const char* what)
{
    if (rc == MPI_SUCCESS)
        return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(rc, text, &length);
    throw Error(std::string("MPI: ") + what + " failed: " + std::string(text, std::size_t(length)));
}

} // namespace

MpiCommunicator::MpiCommunicator() : pending_(std::make_unique<PendingList>())
{
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
        int provided = 0;
        check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    }
    check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
    check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
    check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
    MPI_Comm local;
    check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local),
          "MPI_Comm_split_type");
    check(MPI_Comm_size(local, &localSize_), "MPI_Comm_size");
    MPI_Comm_free(&local);
}

MpiCommunicator::~MpiCommunicator()
{
    Stopwatch clock;
    while (!pending_->sends.empty() && clock.seconds() < timeoutSeconds()) {
        progressSends();
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    MPI_Finalize();
}

void MpiCommunicator::progressSends()
{
    while (!pending_->sends.empty()) {
        int done = 0;
        check(MPI_Test(&pending_->sends.front().request, &done, MPI_STATUS_IGNORE), "MPI_Test");
        if (!done)
            return; // the rest were queued later; test them next time
        pending_->sends.pop_front();
    }
}

void MpiCommunicator::send(int to, int tag, std::string bytes)
{
    if (to < 0 || to >= size_ || to == rank_)
        throw Error("MPI: no rank " + std::to_string(to) + " to send to");
    if (bytes.size() > std::size_t(INT_MAX))
        throw Error("MPI: a message of " + std::to_string(bytes.size()) + " bytes is over the 2 GB an MPI count holds");
    countSent(bytes.size());
    pending_->sends.push_back({MPI_REQUEST_NULL, std::move(bytes)});
    PendingList::Send& s = pending_->sends.back();
    check(MPI_Isend(s.bytes.data(), int(s.bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD, &s.request), "MPI_Isend");
    progressSends();
}

std::string MpiCommunicator::receive(int from, int tag, const std::string& during)
{
    Stopwatch clock;
    int polls = 0;
    for (;;) {
        int flag = 0;
        MPI_Status status;
        check(MPI_Iprobe(from, tag, MPI_COMM_WORLD, &flag, &status), "MPI_Iprobe");
        if (flag) {
            int count = 0;
            check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
            std::string bytes(std::size_t(count), '\0');
            check(MPI_Recv(bytes.data(), count, MPI_BYTE, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
            return bytes;
        }
        progressSends();
        if (clock.seconds() > timeoutSeconds())
            throw PeerLost(from, "rank " + std::to_string(from) + " sent nothing for "
                                     + std::to_string(int(timeoutSeconds())) + " s (" + during
                                     + "): it died, hung or lost its network");
        // Spin a little for latency, then back off to at most 1 ms sleeps.
        if (++polls < 100)
            std::this_thread::yield();
        else
            std::this_thread::sleep_for(std::chrono::microseconds(std::min(1000, 10 * (polls - 99))));
    }
}

void MpiCommunicator::abort(int exitCode)
{
    MPI_Abort(MPI_COMM_WORLD, exitCode);
    std::_Exit(exitCode); // MPI_Abort does not return; if it did, still never continue
}

} // namespace latentset
