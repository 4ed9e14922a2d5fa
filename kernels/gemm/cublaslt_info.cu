// The one place that includes cublasLt.h for now: the library version for the About dialog.
// The GEMM wrapper with its plan cache joins it here when the runtime lands.
#include "kernels/common/cuda_runtime_info.h"

#include <cublasLt.h>

namespace lathe::kernels {

std::size_t cublasLtVersion()
{
    return cublasLtGetVersion();
}

}  // namespace lathe::kernels
