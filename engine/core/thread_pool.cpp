// ThreadPool: one shared task counter under a mutex; tasks are coarse (megabytes each), so
// the lock is never the bottleneck.
#include "core/thread_pool.h"

#include "core/error.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <utility>

namespace lathe {

unsigned ThreadPool::defaultThreadCount()
{
    if (const char* env = std::getenv("LATHE_THREADS")) {
        try {
            const int n = std::stoi(env);
            if (n > 0 && n <= 1024) {
                return static_cast<unsigned>(n);
            }
        } catch (const std::exception&) {
        }
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : hw;
}

unsigned ThreadPool::physicalCoreCount()
{
    if (std::getenv("LATHE_THREADS")) {
        return defaultThreadCount();
    }
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
        return defaultThreadCount();
    }
    std::set<std::pair<std::string, std::string>> cores;  // (package, core) pairs
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &allowed)) {
            continue;
        }
        const std::string topology = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
        std::ifstream package(topology + "physical_package_id");
        std::ifstream core(topology + "core_id");
        std::string packageId;
        std::string coreId;
        if (!(package >> packageId) || !(core >> coreId)) {
            cores.emplace("cpu", std::to_string(cpu));  // no topology: count the logical CPU
            continue;
        }
        cores.emplace(packageId, coreId);
    }
    return cores.empty() ? defaultThreadCount() : static_cast<unsigned>(cores.size());
}

ThreadPool::ThreadPool(unsigned threads)
{
    if (threads == 0) {
        threads = defaultThreadCount();
    }
    for (unsigned i = 1; i < threads; ++i) {
        m_threads.emplace_back([this, i] { workerLoop(i); });
    }
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread& t : m_threads) {
        t.join();
    }
}

void ThreadPool::drain(unsigned worker)
{
    std::unique_lock lock(m_mutex);
    while (m_job != nullptr && m_next < m_tasks) {
        const std::size_t task = m_next++;
        const auto* job = m_job;
        ++m_busy;
        lock.unlock();
        std::exception_ptr error;
        try {
            (*job)(task, worker);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        --m_busy;
        if (error && !m_error) {
            m_error = error;
            m_next = m_tasks;  // skip what has not started
        }
    }
    if (m_busy == 0) {
        m_done.notify_all();
    }
}

void ThreadPool::workerLoop(unsigned worker)
{
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || (m_job != nullptr && m_generation != seen); });
            if (m_stop) {
                return;
            }
            seen = m_generation;
        }
        drain(worker);
    }
}

void ThreadPool::run(std::size_t tasks, const std::function<void(std::size_t, unsigned)>& fn)
{
    if (tasks == 0) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_job = &fn;
        m_tasks = tasks;
        m_next = 0;
        m_error = nullptr;
        ++m_generation;
    }
    m_wake.notify_all();
    drain(0);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_next >= m_tasks && m_busy == 0; });
    m_job = nullptr;
    std::exception_ptr error = std::exchange(m_error, nullptr);
    lock.unlock();
    if (error) {
        std::rethrow_exception(error);
    }
}

void runCancellable(ThreadPool* pool, std::size_t tasks, const CancellableRun& run,
                    const std::function<std::uint64_t(std::size_t, unsigned)>& work)
{
    std::atomic<bool> cancelled{false};
    std::atomic<std::uint64_t> done{run.unitsBefore};
    auto body = [&](std::size_t task, unsigned worker) {
        if (cancelled.load(std::memory_order_relaxed)) {
            return;
        }
        const std::uint64_t units = work(task, worker);
        const std::uint64_t finished = done.fetch_add(units, std::memory_order_relaxed) + units;
        // Worker 0 is the calling thread: the callback never runs anywhere else.
        if (worker == 0 && run.progress) {
            const double fraction = double(finished) / double(std::max<std::uint64_t>(run.totalUnits, 1));
            if (!run.progress(std::min(fraction, 1.0))) {
                cancelled = true;
            }
        }
    };
    if (pool != nullptr) {
        pool->run(tasks, body);
    } else {
        for (std::size_t t = 0; t < tasks && !cancelled; ++t) {
            body(t, 0);
        }
    }
    if (cancelled) {
        throwCancelled(run.what);
    }
}

}  // namespace lathe
