#pragma once
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace latentset {

// A fixed set of worker threads for data- and member-parallel work.
//
// parallelFor(n, fn) calls fn(index, threadIndex) once for every index in
// [0, n) and returns when all calls have finished (it blocks the caller). The
// partition is deterministic: thread t always handles the contiguous range
// [t*n/T, (t+1)*n/T), in increasing order, so results that depend on which
// thread did what (per-thread scratch, per-thread RNG streams) repeat exactly
// for the same n and thread count. The calling thread works as thread 0; the
// pool owns threadCount()-1 background threads.
//
// Thread rules: parallelFor may be called from any thread; concurrent calls
// from different threads are serialised. It must NOT be called from inside fn
// (that would deadlock); nested work runs serially instead. If fn throws, the
// first exception is rethrown in the caller after all indices finished.
class ThreadPool {
public:
    // threads = 0 means std::thread::hardware_concurrency() (at least 1).
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    unsigned threadCount() const { return threadCount_; }

    void parallelFor(std::size_t n, const std::function<void(std::size_t index, unsigned threadIndex)>& fn);

    // The process-wide pool (hardware_concurrency threads), created on first use.
    static ThreadPool& shared();

private:
    void workerLoop(unsigned threadIndex);
    void runRange(unsigned threadIndex);

    unsigned threadCount_ = 1;
    std::vector<std::thread> workers_;
    std::mutex callMutex_; // serialises parallelFor callers
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(std::size_t, unsigned)>* job_ = nullptr;
    std::size_t jobSize_ = 0;
    std::size_t generation_ = 0;
    unsigned pending_ = 0;
    bool stopping_ = false;
    std::exception_ptr error_;
};

} // namespace latentset
