#pragma once
// A Communicator over MPI_COMM_WORLD (docs/scale.md): library
// latentset_mpi, built only with LATENTSET_MPI (CMake found MPI). The
// header does not include mpi.h, so front ends that link it stay MPI-free
// in their own code.
//
// * The constructor initialises MPI (MPI_THREAD_FUNNELED: only the
//   constructing thread calls MPI; worker threads only compute) and sets
//   MPI_ERRORS_RETURN, so a failed call becomes a latentset::Error naming
//   the MPI error instead of killing the process without a word.
// * send() is MPI_Isend of bytes the communicator keeps until the send
//   completes; receive() polls MPI_Iprobe with a growing sleep (not a busy
//   wait: ranks share cores with each other's worker threads) and throws
//   PeerLost after timeoutSeconds() of silence.
// * abort() is MPI_Abort: mpirun then ends every rank.
// * The destructor completes the queued sends (at most timeoutSeconds())
//   and calls MPI_Finalize.
// Messages are limited to INT_MAX bytes (MPI counts are int): a rank's
// gathered block larger than 2 GB is refused with a message.
//
// Thread rules: one per process, constructed, used and destroyed on one
// thread.
#include "latentset/distributed/Communicator.h"

#include <memory>

namespace latentset {

struct PendingList;

class MpiCommunicator : public Communicator {
public:
    MpiCommunicator();
    ~MpiCommunicator() override;
    MpiCommunicator(const MpiCommunicator&) = delete;
    MpiCommunicator& operator=(const MpiCommunicator&) = delete;

    int rank() const override { return rank_; }
    int size() const override { return size_; }
    // Ranks of this job on this machine (MPI_COMM_TYPE_SHARED): a front
    // end divides the cores among them.
    int localSize() const { return localSize_; }
    void send(int to, int tag, std::string bytes) override;
    std::string receive(int from, int tag, const std::string& during) override;
    [[noreturn]] void abort(int exitCode) override;

private:
    void progressSends();

    int rank_ = 0, size_ = 1, localSize_ = 1;
    std::unique_ptr<PendingList> pending_; // sends not yet complete, with their bytes
};

} // namespace latentset
