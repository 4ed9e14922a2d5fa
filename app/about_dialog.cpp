// AboutDialog: a version table; GPU rows fill in when the engine answers.
#include "app/about_dialog.h"

#include "app/engine_host.h"
#include "ui/common/icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <curl/curl.h>
#include <qcustomplot.h>

#ifndef LATHE_VERSION
#define LATHE_VERSION "unknown"
#endif

namespace lathe {

AboutDialog::AboutDialog(EngineHost& engine, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Lathe"));
    setMinimumWidth(420);
    auto* picture = new QLabel(this);
    picture->setPixmap(icon(IconName::App).pixmap(64, 64));
    auto* title = new QLabel(tr("<h2>Lathe %1</h2><p>A desktop workbench for Hugging Face models.</p>")
                                 .arg(QStringLiteral(LATHE_VERSION)),
                             this);
    title->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(picture, 0, Qt::AlignTop);
    top->addWidget(title, 1);

    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    addRow(QStringLiteral("Lathe"), QStringLiteral(LATHE_VERSION));
    addRow(QStringLiteral("Qt"), tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    addRow(QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
    const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
    addRow(QStringLiteral("libcurl"), curl != nullptr ? QString::fromLatin1(curl->version) : tr("unknown"));
    const QString asking = tr("asking the engine…");
    m_cudaRuntime = addRow(tr("CUDA runtime"), asking);
    m_cudaDriver = addRow(tr("CUDA driver"), asking);
    m_cublasLt = addRow(QStringLiteral("cuBLASLt"), asking);
    m_nccl = addRow(QStringLiteral("NCCL"), asking);
    addRow(tr("Engine threads"), QString::number(engine.threadCount()));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addLayout(m_form);
    layout->addWidget(buttons);

    connect(&engine, &EngineHost::backendVersionsReady, this, [this](RequestId id, const BackendVersions& versions) {
        if (id == m_request) {
            showBackendVersions(versions);
        }
    });
    m_request = engine.queryBackendVersions();
}

QLabel* AboutDialog::addRow(const QString& component, const QString& text)
{
    auto* value = new QLabel(text, this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setObjectName(component);
    m_form->addRow(component, value);
    return value;
}

void AboutDialog::showBackendVersions(const BackendVersions& versions)
{
    const bool builtWithCuda = !versions.cudaRuntime.empty();
    const QString notBuilt = tr("not built with CUDA");
    m_cudaRuntime->setText(builtWithCuda ? QString::fromStdString(versions.cudaRuntime) : notBuilt);
    m_cudaDriver->setText(!versions.cudaDriver.empty() ? QString::fromStdString(versions.cudaDriver)
                          : builtWithCuda                 ? tr("no driver")
                                                          : notBuilt);
    m_cublasLt->setText(!versions.cublasLt.empty() ? QString::fromStdString(versions.cublasLt) : notBuilt);
    m_nccl->setText(!versions.nccl.empty() ? QString::fromStdString(versions.nccl) : notBuilt);
}

QString AboutDialog::versionText(const QString& component) const
{
    const auto* label = findChild<QLabel*>(component);
    return label != nullptr ? label->text() : QString();
}

}  // namespace lathe
