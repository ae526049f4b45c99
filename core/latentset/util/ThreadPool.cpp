#include "latentset/util/ThreadPool.h"

#ifdef LATENTSET_OPENBLAS
extern "C" void openblas_set_num_threads(int threads);
#endif

namespace latentset {

namespace {
thread_local bool tInsidePool = false;
}

ThreadPool::ThreadPool(unsigned threads)
{
    if (threads == 0)
        threads = std::thread::hardware_concurrency();
    threadCount_ = threads == 0 ? 1 : threads;
#ifdef LATENTSET_OPENBLAS
    // Each pool thread runs its own products; OpenBLAS's own threads would
    // only oversubscribe the cores.
    openblas_set_num_threads(1);
#endif
    workers_.reserve(threadCount_ - 1);
    for (unsigned t = 1; t < threadCount_; ++t)
        workers_.emplace_back([this, t] { workerLoop(t); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_)
        w.join();
}

ThreadPool& ThreadPool::shared()
{
    static ThreadPool pool;
    return pool;
}

void ThreadPool::runRange(unsigned threadIndex)
{
    const std::size_t begin = jobSize_ * threadIndex / threadCount_;
    const std::size_t end = jobSize_ * (threadIndex + 1) / threadCount_;
    try {
        for (std::size_t i = begin; i < end; ++i)
            (*job_)(i, threadIndex);
    } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_)
            error_ = std::current_exception();
    }
}

void ThreadPool::workerLoop(unsigned threadIndex)
{
    tInsidePool = true;
    std::size_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_)
                return;
            seen = generation_;
        }
        runRange(threadIndex);
        {
            std::lock_guard lock(mutex_);
            if (--pending_ == 0)
                done_.notify_one();
        }
    }
}

void ThreadPool::parallelFor(std::size_t n, const std::function<void(std::size_t, unsigned)>& fn)
{
    if (n == 0)
        return;
    if (tInsidePool || threadCount_ == 1 || n == 1) {
        // Nested or trivial: run serially, but keep the thread index of the
        // deterministic partition so per-thread scratch stays consistent.
        const bool outer = !tInsidePool;
        if (outer)
            tInsidePool = true;
        try {
            const unsigned parts = n == 1 ? 1u : threadCount_;
            for (unsigned t = 0; t < parts; ++t)
                for (std::size_t i = n * t / parts; i < n * (t + 1) / parts; ++i)
                    fn(i, t);
        } catch (...) {
            if (outer)
                tInsidePool = false;
            throw;
        }
        if (outer)
            tInsidePool = false;
        return;
    }
    std::lock_guard callLock(callMutex_);
    {
        std::lock_guard lock(mutex_);
        job_ = &fn;
        jobSize_ = n;
        pending_ = threadCount_ - 1;
        error_ = nullptr;
        ++generation_;
    }
    wake_.notify_all();
    tInsidePool = true;
    runRange(0);
    tInsidePool = false;
    std::exception_ptr error;
    {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return pending_ == 0; });
        job_ = nullptr;
        error = error_;
        error_ = nullptr;
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace latentset
