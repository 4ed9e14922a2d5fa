// Engine values as they cross the Qt<->engine boundary in queued signals and calls. Each is
// either immutable once built and shared through shared_ptr<const ...> (a Checkpoint, a diff
// result) or a plain value copied into the signal (TensorStats, BackendVersions), so the GUI
// and engine threads never share mutable engine state. The cancel token is the one exception:
// an atomic flag the GUI thread sets and the engine thread reads.
#pragma once

#include "backend/device_info.h"
#include "inspect/checkpoint_diff.h"
#include "inspect/tensor_stats.h"
#include "io/checkpoint.h"

#include <QMetaType>

#include <atomic>
#include <memory>
#include <vector>

namespace lathe {

// Identifies one request to the engine; 0 means "no request".
using RequestId = quint64;

using CheckpointPtr = std::shared_ptr<const Checkpoint>;
using TensorDiffsPtr = std::shared_ptr<const std::vector<TensorDiff>>;
using CancelToken = std::shared_ptr<std::atomic<bool>>;

// Registers the types above for queued connections; idempotent, call from the GUI thread.
void registerEngineMetaTypes();

}  // namespace lathe

Q_DECLARE_METATYPE(lathe::CheckpointPtr)
Q_DECLARE_METATYPE(lathe::TensorDiffsPtr)
Q_DECLARE_METATYPE(lathe::TensorStats)
Q_DECLARE_METATYPE(lathe::BackendVersions)
