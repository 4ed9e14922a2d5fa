// A fixed pool of worker threads for data-parallel engine work (statistics, diffs).
// run() is blocking and may be called from any one thread at a time; the calling thread
// works too. Thread-safe: no (one run() at a time per pool; callers serialize).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lathe {

class ThreadPool {
public:
    // threads == 0: LATHE_THREADS if set, else the hardware concurrency.
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // Number of workers that run tasks, the calling thread included.
    unsigned size() const { return static_cast<unsigned>(m_threads.size()) + 1; }

    // Runs fn(task, worker) for task in [0, tasks), spread over the workers; worker < size().
    // Tasks are taken in increasing order. The first exception thrown by a task is rethrown
    // here once every running task has finished; tasks not yet started are skipped.
    void run(std::size_t tasks, const std::function<void(std::size_t task, unsigned worker)>& fn);

    static unsigned defaultThreadCount();

private:
    void workerLoop(unsigned worker);
    void drain(unsigned worker);

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(std::size_t, unsigned)>* m_job = nullptr;
    std::size_t m_tasks = 0;
    std::size_t m_next = 0;
    unsigned m_busy = 0;
    std::uint64_t m_generation = 0;
    std::exception_ptr m_error;
    bool m_stop = false;
};

}  // namespace lathe
