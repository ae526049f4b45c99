#include "latentset/distributed/InProcessNetwork.h"

#include "latentset/util/Error.h"

#include <chrono>

namespace latentset {

InProcessNetwork::InProcessNetwork(int size) : size_(size), left_(std::size_t(size > 0 ? size : 0), false)
{
    if (size < 1)
        throw Error("in-process network: needs at least one rank");
}

void InProcessNetwork::post(int from, int to, int tag, std::string bytes)
{
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        boxes_[Key(from, to, tag)].push_back(std::move(bytes));
    }
    arrived_.notify_all();
}

bool InProcessNetwork::take(int from, int to, int tag, double seconds, std::string& bytes)
{
    std::unique_lock<std::mutex> lock(mutex_);
    auto& box = boxes_[Key(from, to, tag)];
    const auto ready = [&] { return !box.empty() || left_[std::size_t(from)]; };
    if (seconds > 1e6) // "for ever": a deadline that far away would overflow the clock
        arrived_.wait(lock, ready);
    else if (!arrived_.wait_for(lock, std::chrono::duration<double>(seconds), ready))
        return false;
    if (box.empty())
        return false; // the sender left with nothing queued for us
    bytes = std::move(box.front());
    box.pop_front();
    return true;
}

void InProcessNetwork::leave(int rank)
{
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        left_[std::size_t(rank)] = true;
    }
    arrived_.notify_all();
}

bool InProcessNetwork::hasLeft(int rank) const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return left_[std::size_t(rank)];
}

} // namespace latentset
