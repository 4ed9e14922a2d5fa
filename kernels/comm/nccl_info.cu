// The one place that includes nccl.h for now: the library version. The communicator that
// documents its stream ordering joins it here with multi-GPU execution.
#include "kernels/common/cuda_runtime_info.h"

#include <nccl.h>

namespace lathe::kernels {

int ncclVersion()
{
    int version = 0;
    if (ncclGetVersion(&version) != ncclSuccess) {
        return 0;
    }
    return version;
}

}  // namespace lathe::kernels
