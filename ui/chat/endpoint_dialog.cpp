// EndpointDialog: a form with live URL validation, the key field's saved/replace/clear states
// and the test row.
#include "ui/chat/endpoint_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace lathe {
namespace {

QColor resultColour(bool ok, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    if (ok) {
        return dark ? QColor(0x6f, 0xcf, 0x7f) : QColor(0x1e, 0x7b, 0x34);
    }
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

}  // namespace

EndpointDialog::EndpointDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to endpoint"));

    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("http://localhost:8080"));
    m_url->setToolTip(tr("The server's address, such as http://localhost:8080 for a local Text Generation Inference "
                         "server or https://api.example.com/v1 for an OpenAI-compatible API"));
    m_urlError = new QLabel(this);
    m_urlError->setWordWrap(true);
    m_urlError->setVisible(false);

    m_style = new QComboBox(this);
    m_style->addItem(tr("Automatic (by URL)"), int(remote::ApiStyle::Auto));
    m_style->addItem(tr("OpenAI-compatible chat (/v1/chat/completions)"), int(remote::ApiStyle::OpenAI));
    m_style->addItem(tr("Text Generation Inference text (/generate_stream)"), int(remote::ApiStyle::Tgi));
    m_style->setToolTip(tr("How to talk to the server. Automatic: a URL ending in /generate_stream uses TGI's text "
                           "route, any other the OpenAI-compatible chat API, which TGI, vLLM, llama.cpp's server and "
                           "Ollama all offer."));

    m_key = new QLineEdit(this);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setAccessibleName(tr("API key"));
    m_showKey = new QToolButton(this);
    m_showKey->setText(tr("Show"));
    m_showKey->setCheckable(true);
    m_showKey->setToolTip(tr("Show the key as you type it"));
    connect(m_showKey, &QToolButton::toggled, this, [this](bool show) {
        m_key->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setText(show ? tr("Hide") : tr("Show"));
    });
    m_clearKey = new QPushButton(tr("Remove saved key"), this);
    m_clearKey->setVisible(false);
    connect(m_clearKey, &QPushButton::clicked, this, [this] {
        m_clearSavedKey = !m_clearSavedKey;
        if (m_clearSavedKey) {
            m_key->clear();
        }
        updateKeyField();
    });
    connect(m_key, &QLineEdit::textChanged, this, &EndpointDialog::updateKeyField);

    m_name = new QLineEdit(this);
    m_name->setToolTip(tr("How the endpoint appears in the model list"));

    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setToolTip(tr("Ask the server what it is, with these settings, without saving them"));
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_testing = true;
        m_test->setEnabled(false);
        m_testResult->setPalette(palette());
        m_testResult->setText(tr("Testing…"));
        emit testRequested(url(), apiStyle(), apiKey());
    });

    auto* keyRow = new QHBoxLayout;
    keyRow->setSpacing(4);
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_showKey);
    keyRow->addWidget(m_clearKey);
    auto* urlColumn = new QVBoxLayout;
    urlColumn->setSpacing(2);
    urlColumn->addWidget(m_url);
    urlColumn->addWidget(m_urlError);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addRow = [&](const QString& text, QWidget* buddy, QLayout* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        form->addRow(label, field);
    };
    addRow(tr("&URL:"), m_url, urlColumn);
    auto* styleRow = new QHBoxLayout;
    styleRow->addWidget(m_style, 1);
    addRow(tr("&API:"), m_style, styleRow);
    addRow(tr("API &key:"), m_key, keyRow);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    addRow(tr("&Name:"), m_name, nameRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    acceptButton()->setText(tr("Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, [this] {
        // A result for another address would mislead; one still on its way is dropped.
        m_testing = false;
        m_testResult->clear();
        validate();
    });
    updateKeyField();
    validate();
    resize(520, sizeHint().height());
}

void EndpointDialog::setUrl(const QString& url)
{
    m_url->setText(url);
}

QString EndpointDialog::url() const
{
    return m_url->text().trimmed();
}

void EndpointDialog::setApiStyle(remote::ApiStyle style)
{
    m_style->setCurrentIndex(m_style->findData(int(style)));
}

remote::ApiStyle EndpointDialog::apiStyle() const
{
    return remote::ApiStyle(m_style->currentData().toInt());
}

void EndpointDialog::setDisplayName(const QString& name)
{
    m_name->setText(name);
}

QString EndpointDialog::displayName() const
{
    const QString typed = m_name->text().trimmed();
    return typed.isEmpty() ? QUrl(url()).host() : typed;
}

void EndpointDialog::setSavedKey(const QString& hint)
{
    m_hasSavedKey = true;
    m_clearSavedKey = false;
    m_savedKeyHint = hint;
    m_key->clear();
    updateKeyField();
}

EndpointDialog::KeyChange EndpointDialog::keyChange() const
{
    if (!m_key->text().isEmpty()) {
        return KeyChange::Replace;
    }
    if (m_hasSavedKey) {
        return m_clearSavedKey ? KeyChange::Clear : KeyChange::Keep;
    }
    // Nothing saved and nothing typed: no key, which is what Clear leaves.
    return KeyChange::Clear;
}

QString EndpointDialog::apiKey() const
{
    return m_key->text().trimmed();
}

std::optional<std::string> EndpointDialog::keyToSave() const
{
    switch (keyChange()) {
    case KeyChange::Keep: return std::nullopt;
    case KeyChange::Replace: return apiKey().toStdString();
    case KeyChange::Clear: return std::string();
    }
    return std::nullopt;
}

void EndpointDialog::updateKeyField()
{
    m_clearKey->setVisible(m_hasSavedKey);
    m_clearKey->setText(m_clearSavedKey ? tr("Keep saved key") : tr("Remove saved key"));
    m_clearKey->setEnabled(m_key->text().isEmpty());
    if (!m_hasSavedKey) {
        m_key->setPlaceholderText(tr("None"));
    } else if (m_clearSavedKey) {
        m_key->setPlaceholderText(tr("None: the saved key will be removed"));
    } else if (m_savedKeyHint.isEmpty()) {
        m_key->setPlaceholderText(tr("•••• key saved"));
    } else {
        m_key->setPlaceholderText(tr("•••• key saved (%1)").arg(m_savedKeyHint));
    }
    m_key->setToolTip(m_hasSavedKey && !m_clearSavedKey
                          ? tr("A key is saved for this endpoint and stays unless you type a new one or remove it.")
                          : tr("Sent as \"Authorization: Bearer …\". Leave empty when the server needs none."));
}

void EndpointDialog::setTestResult(bool ok, const QString& message)
{
    if (!m_testing) {
        return;
    }
    m_testing = false;
    m_test->setEnabled(urlProblem(m_url->text()).isEmpty());
    QPalette resultPalette = palette();
    resultPalette.setColor(QPalette::WindowText, resultColour(ok, palette()));
    m_testResult->setPalette(resultPalette);
    m_testResult->setText((ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + message);
}

QString EndpointDialog::testResultText() const
{
    return m_testResult->text();
}

QString EndpointDialog::urlProblem(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return tr("Enter the server's address.");
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        return tr("Not a valid address: %1").arg(url.errorString());
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return tr("Start the address with http:// or https://");
    }
    if (url.host().isEmpty()) {
        return tr("The address needs a host, as in http://localhost:8080");
    }
    return {};
}

QPushButton* EndpointDialog::acceptButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString EndpointDialog::urlError() const
{
    return m_urlError->isHidden() ? QString() : m_urlError->text();
}

void EndpointDialog::validate()
{
    const QString problem = urlProblem(m_url->text());
    // An empty field is not an error yet, only not done.
    const bool show = !problem.isEmpty() && !m_url->text().trimmed().isEmpty();
    m_urlError->setText(show ? problem : QString());
    m_urlError->setVisible(show);
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText, resultColour(false, palette()));
    m_urlError->setPalette(errorPalette);
    m_url->setStyleSheet(show ? QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }") : QString());
    acceptButton()->setEnabled(problem.isEmpty());
    m_test->setEnabled(problem.isEmpty() && !m_testing);
    const QString host = QUrl(url()).host();
    m_name->setPlaceholderText(host.isEmpty() ? tr("The server's host name") : host);
}

}  // namespace lathe
