// AboutDialog: Help > About Lathe: what this build is made of (Lathe, Qt, QCustomPlot,
// libcurl) and which GPU libraries it found (CUDA runtime and driver, cuBLASLt, NCCL). The GPU
// versions are asked of the engine thread, since loading those libraries can take a moment.
#pragma once

#include "app/engine_values.h"

#include <QDialog>

class QLabel;
class QFormLayout;

namespace lathe {

class EngineHost;

class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(EngineHost& engine, QWidget* parent = nullptr);

    // The text of the version rows, for tests: "Qt" -> "6.4.2".
    QString versionText(const QString& component) const;

private:
    void showBackendVersions(const BackendVersions& versions);
    QLabel* addRow(const QString& component, const QString& text);

    QFormLayout* m_form = nullptr;
    QLabel* m_cudaRuntime = nullptr;
    QLabel* m_cudaDriver = nullptr;
    QLabel* m_cublasLt = nullptr;
    QLabel* m_nccl = nullptr;
    RequestId m_request = 0;
};

}  // namespace lathe
