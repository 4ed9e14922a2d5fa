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
    // LATHE_THREADS if set, else the physical cores this process may run on (hyper-threads
    // share a core's arithmetic units, so compute-bound model work gains nothing from them).
    static unsigned physicalCoreCount();

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

// How a cancellable, data-parallel job reports: progress counts "units" (tasks, elements,
// bytes: whatever the job weighs its tasks by) against the whole job's total, so a job of
// several passes can report one fraction.
struct CancellableRun {
    // Called on the calling thread with the fraction done (0..1); false cancels.
    std::function<bool(double)> progress;
    std::uint64_t unitsBefore = 0;  // units finished by earlier passes of the same job
    std::uint64_t totalUnits = 0;   // units of the whole job
    const char* what = "work";      // names the job in the Cancelled error
};

// Runs work(task, worker), which returns the units it finished, for every task: over `pool`,
// or on the calling thread when pool is null. Once progress answers false, tasks not yet
// started are skipped and lathe::Error(Cancelled) is thrown.
void runCancellable(ThreadPool* pool, std::size_t tasks, const CancellableRun& run,
                    const std::function<std::uint64_t(std::size_t task, unsigned worker)>& work);

}  // namespace lathe
