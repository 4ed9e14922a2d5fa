// ModelPicker: a painted button, a Qt::Popup frame holding a filter box, a list of section
// headers and choices (a flat model, two-line rows) and the "add more" actions, plus the
// loading and error strips under the button.
#include "ui/common/colours.h"
#include "ui/chat/model_picker.h"

#include "ui/common/icons.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStyleOptionButton>
#include <QStyledItemDelegate>
#include <QStylePainter>
#include <QToolButton>
#include <QVBoxLayout>

#include <array>
#include <cmath>

namespace lathe {
namespace {

using Kind = ModelChoice::Kind;

enum Role {
    ChoiceRole = Qt::UserRole + 1,  // index into the choices; -1 on headers
    DetailRole,
    CurrentRole,
};
constexpr int HeaderRole = ModelPicker::HeaderRole;

constexpr int kPadding = 6;

enum class Section { Demo, HubCache, Local, Endpoints, Count };

Section sectionOf(Kind kind)
{
    switch (kind) {
    case Kind::Demo: return Section::Demo;
    case Kind::HubCache: return Section::HubCache;
    case Kind::Folder:
    case Kind::Gguf: return Section::Local;
    case Kind::Endpoint: return Section::Endpoints;
    }
    return Section::Local;
}

QString sectionTitle(Section section)
{
    switch (section) {
    case Section::Demo: return ModelPicker::tr("Demo");
    case Section::HubCache: return ModelPicker::tr("Hugging Face cache");
    case Section::Local: return ModelPicker::tr("Local");
    case Section::Endpoints: return ModelPicker::tr("Endpoints");
    case Section::Count: break;
    }
    return {};
}

const QColor kErrorRed(0xd3, 0x2f, 0x2f);

}  // namespace

// Section headers (disabled, so the arrow keys skip them) followed by their choices.
class ModelChoiceModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    void reset(const QVector<ModelChoice>& choices, const QString& filter, const QString& current)
    {
        beginResetModel();
        m_choices = choices;
        m_current = current;
        m_rows.clear();
        for (std::size_t section = 0; section < std::size_t(Section::Count); ++section) {
            bool headed = false;
            for (qsizetype i = 0; i < m_choices.size(); ++i) {
                const ModelChoice& choice = m_choices[i];
                if (sectionOf(choice.kind) != Section(section) || !matches(choice, filter)) {
                    continue;
                }
                if (!headed) {
                    m_rows.push_back({sectionTitle(Section(section)), -1});
                    headed = true;
                }
                m_rows.push_back({QString(), int(i)});
            }
        }
        endResetModel();
    }

    int choiceCount() const
    {
        return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return row.choice >= 0; }));
    }

    const ModelChoice* choiceAt(const QModelIndex& index) const
    {
        if (!index.isValid() || index.row() >= m_rows.size() || m_rows[index.row()].choice < 0) {
            return nullptr;
        }
        return &m_choices[m_rows[index.row()].choice];
    }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        const ModelChoice* choice = choiceAt(index);
        return choice != nullptr && choice->usable ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size()) {
            return {};
        }
        const Row& row = m_rows[index.row()];
        if (row.choice < 0) {
            switch (role) {
            case Qt::DisplayRole:
            case Qt::AccessibleTextRole: return row.header;
            case HeaderRole: return true;
            case ChoiceRole: return -1;
            default: return {};
            }
        }
        const ModelChoice& choice = m_choices[row.choice];
        switch (role) {
        case Qt::DisplayRole: return choice.name;
        case Qt::DecorationRole: return icon(choice.kind == Kind::Endpoint ? IconName::Endpoint : IconName::Model);
        case DetailRole: return choice.usable ? choice.detail : choice.problem;
        case HeaderRole: return false;
        case ChoiceRole: return row.choice;
        case CurrentRole: return !m_current.isEmpty() && choice.path == m_current;
        case Qt::ToolTipRole: return choice.usable ? choice.path : choice.problem + QLatin1Char('\n') + choice.path;
        case Qt::AccessibleTextRole:
            return choice.usable ? ModelPicker::tr("%1, %2").arg(choice.name, choice.detail)
                                 : ModelPicker::tr("%1, not usable: %2").arg(choice.name, choice.problem);
        default: return {};
        }
    }

private:
    struct Row {
        QString header;
        int choice = -1;
    };

    static bool matches(const ModelChoice& choice, const QString& filter)
    {
        return filter.isEmpty() || choice.name.contains(filter, Qt::CaseInsensitive) ||
               choice.path.contains(filter, Qt::CaseInsensitive) || choice.detail.contains(filter, Qt::CaseInsensitive);
    }

    QVector<ModelChoice> m_choices;
    QVector<Row> m_rows;
    QString m_current;
};

namespace {

class ChoiceDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const int line = option.fontMetrics.height();
        return index.data(HeaderRole).toBool() ? QSize(0, line + 2 * kPadding) : QSize(0, 2 * line + 3 * kPadding);
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget* widget = opt.widget;
        QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
        const QPalette& pal = opt.palette;
        const QRect inner = opt.rect.adjusted(kPadding + 4, kPadding, -(kPadding + 4), -kPadding);
        const int line = opt.fontMetrics.height();
        painter->save();

        if (index.data(HeaderRole).toBool()) {
            QFont font = opt.font;
            font.setBold(true);
            font.setPointSizeF(font.pointSizeF() * 0.9);
            painter->setFont(font);
            painter->setPen(pal.color(QPalette::PlaceholderText));
            painter->drawText(inner, Qt::AlignLeft | Qt::AlignBottom, index.data().toString());
            painter->restore();
            return;
        }

        const bool usable = index.flags().testFlag(Qt::ItemIsEnabled);
        opt.text.clear();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor text = usable ? pal.color(selected ? QPalette::HighlightedText : QPalette::Text)
                                   : pal.color(QPalette::Disabled, QPalette::Text);
        const QColor background = pal.color(selected ? QPalette::Highlight : QPalette::Base);

        // The kind's icon (a local model or a server) beside both lines; on the selection in the
        // text's colour, where the icon's own blue would vanish.
        const int iconSize = line + line / 2;
        const QRect iconRect(inner.left(), inner.top() + (inner.height() - iconSize) / 2, iconSize, iconSize);
        QPixmap iconPixmap = index.data(Qt::DecorationRole).value<QIcon>().pixmap(
            iconRect.size(), painter->device()->devicePixelRatioF(), usable ? QIcon::Normal : QIcon::Disabled);
        if (selected) {
            QPainter tint(&iconPixmap);
            tint.setCompositionMode(QPainter::CompositionMode_SourceIn);
            tint.fillRect(iconPixmap.rect(), text);
        }
        painter->drawPixmap(iconRect, iconPixmap);
        const QRect textArea = inner.adjusted(iconSize + kPadding + 2, 0, 0, 0);

        const bool current = index.data(CurrentRole).toBool();
        const QString mark = current ? QStringLiteral("✓") : QString();
        const int markWidth = current ? opt.fontMetrics.horizontalAdvance(mark) + kPadding : 0;
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        const QRect nameRect(textArea.left(), textArea.top(), textArea.width() - markWidth, line);
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideMiddle, nameRect.width()));
        if (current) {
            painter->setPen(selected ? text : pal.color(QPalette::Highlight));
            painter->drawText(QRect(textArea.right() - markWidth, textArea.top(), markWidth, line),
                              Qt::AlignRight | Qt::AlignVCenter, mark);
        }

        painter->setFont(opt.font);
        // The problem in a red that reads on either palette's base.
        const QColor problem = background.lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
        painter->setPen(usable ? mixColour(text, background, 0.35) : problem);
        const QRect detailRect(textArea.left(), textArea.top() + line + kPadding, textArea.width(), line);
        painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(index.data(DetailRole).toString(), Qt::ElideRight, detailRect.width()));
        painter->restore();
    }
};

// A tinted strip for the load error, so it stands out without a dialog.
class ErrorStrip : public QFrame {
public:
    using QFrame::QFrame;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor window = palette().color(QPalette::Window);
        QPainterPath path;
        path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        painter.fillPath(path, mixColour(window, kErrorRed, 0.12));
        painter.setPen(mixColour(window, kErrorRed, 0.55));
        painter.drawPath(path);
    }
};

}  // namespace

// The model in use: the name in bold and its detail dimmed on one line, with a drop-down arrow.
class ModelPickerButton : public QPushButton {
public:
    using QPushButton::QPushButton;

    void setModel(const QString& name, const QString& detail)
    {
        m_name = name;
        m_detail = detail;
        setAccessibleName(detail.isEmpty() ? name : ModelPicker::tr("%1, %2").arg(name, detail));
        setToolTip(ModelPicker::tr("Choose the model to chat with (Alt+Down)"));
        updateGeometry();
        update();
    }

    QString name() const { return m_name; }
    QString detail() const { return m_detail; }

    QSize sizeHint() const override
    {
        const QSize base = QPushButton::sizeHint();
        return {std::max(base.width(), 320), std::max(base.height(), fontMetrics().height() + 14)};
    }
    QSize minimumSizeHint() const override { return {120, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QStylePainter painter(this);
        QStyleOptionButton option;
        initStyleOption(&option);
        option.text.clear();
        option.icon = QIcon();
        painter.drawControl(QStyle::CE_PushButtonBevel, option);

        const int arrow = fontMetrics().height() * 2 / 3;
        const QRect content = rect().adjusted(10, 0, -(14 + arrow), 0);
        QFont bold = font();
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        const QString name = boldMetrics.elidedText(m_name, Qt::ElideMiddle, content.width());
        painter.setFont(bold);
        painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::ButtonText));
        painter.drawText(content, Qt::AlignLeft | Qt::AlignVCenter, name);
        const int used = boldMetrics.horizontalAdvance(name) + 10;
        if (!m_detail.isEmpty() && used < content.width() - 40) {
            painter.setFont(font());
            painter.setPen(palette().color(QPalette::PlaceholderText));
            const QRect detailRect = content.adjusted(used, 0, 0, 0);
            painter.drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                             fontMetrics().elidedText(m_detail, Qt::ElideRight, detailRect.width()));
        }
        QStyleOption arrowOption;
        arrowOption.initFrom(this);
        arrowOption.rect = QRect(width() - 10 - arrow, (height() - arrow) / 2, arrow, arrow);
        painter.drawPrimitive(QStyle::PE_IndicatorArrowDown, arrowOption);
    }

private:
    QString m_name;
    QString m_detail;
};

ModelPicker::ModelPicker(QWidget* parent)
    : QWidget(parent)
{
    m_button = new ModelPickerButton(this);
    connect(m_button, &QPushButton::clicked, this, &ModelPicker::showPopup);
    m_button->installEventFilter(this);

    m_loadRow = new QWidget(this);
    m_loadLabel = new QLabel(m_loadRow);
    m_progress = new QProgressBar(m_loadRow);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_cancel = new QPushButton(icon(IconName::Cancel), tr("Cancel"), m_loadRow);
    m_cancel->setToolTip(tr("Stop loading this model"));
    connect(m_cancel, &QPushButton::clicked, this, &ModelPicker::cancelLoadRequested);
    auto* loadLayout = new QHBoxLayout(m_loadRow);
    loadLayout->setContentsMargins(0, 0, 0, 0);
    loadLayout->addWidget(m_loadLabel);
    loadLayout->addWidget(m_progress, 1);
    loadLayout->addWidget(m_cancel);
    m_loadRow->setVisible(false);

    m_errorRow = new ErrorStrip(this);
    auto* errorIcon = new QLabel(m_errorRow);
    errorIcon->setPixmap(icon(IconName::Error).pixmap(20, 20));
    m_errorText = new QLabel(m_errorRow);
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismiss = new QToolButton(m_errorRow);
    m_dismiss->setText(QStringLiteral("✕"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss the error"));
    connect(m_dismiss, &QToolButton::clicked, this, [this] { m_errorRow->setVisible(false); });
    auto* errorLayout = new QHBoxLayout(m_errorRow);
    errorLayout->setContentsMargins(8, 6, 4, 6);
    errorLayout->addWidget(errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_errorText, 1);
    errorLayout->addWidget(m_dismiss, 0, Qt::AlignTop);
    m_errorRow->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_button);
    layout->addWidget(m_loadRow);
    layout->addWidget(m_errorRow);
    layout->addStretch(1);

    buildPopup();
    updateButton();
}

void ModelPicker::buildPopup()
{
    m_popup = new QFrame(this, Qt::Popup);
    m_popup->setFrameShape(QFrame::StyledPanel);
    m_popup->setAccessibleName(tr("Models"));

    m_filter = new QLineEdit(m_popup);
    m_filter->setPlaceholderText(tr("Filter models"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icon(IconName::Filter), QLineEdit::LeadingPosition);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &ModelPicker::applyFilter);

    auto* refresh = new QToolButton(m_popup);
    refresh->setText(tr("Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setToolTip(tr("Look again for models in the Hugging Face cache and for endpoints (%1)")
                            .arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    connect(refresh, &QToolButton::clicked, this, &ModelPicker::refreshRequested);

    m_model = new ModelChoiceModel(this);
    m_list = new QListView(m_popup);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ChoiceDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setMouseTracking(true);
    m_list->setAccessibleName(tr("Models"));
    m_list->installEventFilter(this);
    connect(m_list, &QListView::clicked, this, &ModelPicker::choose);

    m_noMatch = new QLabel(m_popup);
    m_noMatch->setWordWrap(true);
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->setForegroundRole(QPalette::PlaceholderText);
    m_noMatch->setContentsMargins(8, 16, 8, 16);

    auto* openFolder = new QPushButton(icon(IconName::OpenFolder), tr("Open model folder…"), m_popup);
    auto* openGguf = new QPushButton(icon(IconName::OpenFile), tr("Open GGUF file…"), m_popup);
    auto* endpoint = new QPushButton(tr("Connect to endpoint…"), m_popup);
    openFolder->setToolTip(tr("A folder with config.json, the weights and the tokenizer"));
    openGguf->setToolTip(tr("A single .gguf file, as llama.cpp uses"));
    endpoint->setToolTip(tr("A Text Generation Inference server or any OpenAI-compatible chat API"));
    const std::array<std::pair<QPushButton*, void (ModelPicker::*)()>, 3> actions = {{
        {openFolder, &ModelPicker::openFolderRequested},
        {openGguf, &ModelPicker::openGgufRequested},
        {endpoint, &ModelPicker::connectEndpointRequested},
    }};
    auto* actionsLayout = new QHBoxLayout;
    actionsLayout->setSpacing(4);
    for (const auto& [button, signal] : actions) {
        button->setFlat(true);
        connect(button, &QPushButton::clicked, this, [this, signal = signal] {
            hidePopup();
            emit(this->*signal)();
        });
        actionsLayout->addWidget(button);
    }
    actionsLayout->addStretch(1);

    auto* separator = new QFrame(m_popup);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto* top = new QHBoxLayout;
    top->setSpacing(4);
    top->addWidget(m_filter, 1);
    top->addWidget(refresh);

    auto* layout = new QVBoxLayout(m_popup);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_noMatch);
    layout->addWidget(separator);
    layout->addLayout(actionsLayout);
}

void ModelPicker::setChoices(const QVector<ModelChoice>& choices)
{
    m_choices = choices;
    applyFilter();
    updateButton();
}

void ModelPicker::setCurrent(const QString& path)
{
    m_current = path;
    applyFilter();
    updateButton();
}

void ModelPicker::updateButton()
{
    if (m_current.isEmpty()) {
        m_button->setModel(tr("Choose a model…"), QString());
        return;
    }
    for (const ModelChoice& choice : m_choices) {
        if (choice.path == m_current) {
            m_button->setModel(choice.name, choice.detail);
            return;
        }
    }
    const QString name = QFileInfo(m_current).fileName();
    m_button->setModel(name.isEmpty() ? m_current : name, m_current);
}

QPushButton* ModelPicker::button() const
{
    return m_button;
}

QString ModelPicker::buttonText() const
{
    return m_button->detail().isEmpty() ? m_button->name() : m_button->name() + QStringLiteral(" · ") + m_button->detail();
}

void ModelPicker::setLoading(bool loading, const QString& what, double fraction)
{
    m_loading = loading;
    m_loadRow->setVisible(loading);
    m_button->setEnabled(!loading);
    if (!loading) {
        return;
    }
    m_errorRow->setVisible(false);
    if (fraction < 0.0 || std::isnan(fraction)) {
        m_progress->setRange(0, 0);
        m_loadLabel->setText(what);
    } else {
        const double clamped = std::clamp(fraction, 0.0, 1.0);
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::lround(clamped * 1000.0)));
        m_loadLabel->setText(tr("%1 %2 %").arg(what).arg(int(std::floor(clamped * 100.0))));
    }
    m_progress->setAccessibleName(what);
}

void ModelPicker::setLoadError(const QString& message)
{
    m_errorText->setText(message);
    m_errorRow->setVisible(!message.isEmpty());
}

QString ModelPicker::loadError() const
{
    return m_errorRow->isHidden() ? QString() : m_errorText->text();
}

void ModelPicker::applyFilter()
{
    m_model->reset(m_choices, m_filter->text().trimmed(), m_current);
    const bool any = m_model->choiceCount() > 0;
    m_list->setVisible(any);
    m_noMatch->setVisible(!any);
    if (m_choices.isEmpty()) {
        m_noMatch->setText(tr("No models found. Open a model folder or a GGUF file, or connect to an endpoint."));
    } else {
        m_noMatch->setText(tr("No model matches “%1”.").arg(m_filter->text().trimmed()));
    }
    // Start on the model in use, else on the first usable one.
    QModelIndex start;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        if (!(m_model->flags(index) & Qt::ItemIsEnabled)) {
            continue;
        }
        if (!start.isValid() || index.data(CurrentRole).toBool()) {
            start = index;
        }
    }
    m_list->setCurrentIndex(start);
}

void ModelPicker::showPopup()
{
    m_filter->clear();
    applyFilter();
    int listHeight = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        listHeight += m_list->sizeHintForRow(row);
    }
    m_list->setFixedHeight(std::clamp(listHeight + 4, 80, 380));
    m_popup->adjustSize();
    const int width = std::max(m_button->width(), 460);
    QPoint below = m_button->mapToGlobal(QPoint(0, m_button->height() + 2));
    if (const QScreen* screen = m_button->screen()) {
        const QRect available = screen->availableGeometry();
        if (below.y() + m_popup->height() > available.bottom()) {
            below.setY(m_button->mapToGlobal(QPoint(0, 0)).y() - m_popup->height() - 2);
        }
        below.setX(std::clamp(below.x(), available.left(), std::max(available.left(), available.right() - width)));
    }
    m_popup->setGeometry(QRect(below, QSize(width, m_popup->height())));
    m_popup->show();
    m_filter->setFocus(Qt::PopupFocusReason);
    if (m_list->currentIndex().isValid()) {
        m_list->scrollTo(m_list->currentIndex());
    }
}

void ModelPicker::hidePopup()
{
    m_popup->hide();
}

bool ModelPicker::isPopupVisible() const
{
    return m_popup->isVisible();
}

void ModelPicker::choose(const QModelIndex& index)
{
    const ModelChoice* choice = m_model->choiceAt(index);
    if (choice == nullptr || !choice->usable) {
        return;
    }
    const ModelChoice chosenChoice = *choice;
    hidePopup();
    emit chosen(chosenChoice);
}

bool ModelPicker::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_button) {
        if (key->key() == Qt::Key_Down && key->modifiers().testFlag(Qt::AltModifier)) {
            showPopup();
            return true;
        }
        return false;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        choose(m_list->currentIndex());
        return true;
    }
    // The filter box keeps focus while the arrows walk the list.
    if (watched == m_filter && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down ||
                                key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown)) {
        QApplication::sendEvent(m_list, event);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lathe
