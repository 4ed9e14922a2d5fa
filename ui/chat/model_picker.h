// ModelPicker: the button at the top of the Chat page that shows the model in use and opens a
// list of what can be chatted with: the demo model, models in the Hugging Face cache, local
// folders and GGUF files, and saved endpoints, with a filter box and the ways to add more
// (open a folder or a GGUF file, connect to an endpoint). Below the button it shows loading
// progress with Cancel, or why loading failed. The page finds the models and shows the dialogs.
// GUI thread only.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QFrame;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace lathe {

struct ModelChoice {
    enum class Kind { Demo, HubCache, Folder, Gguf, Endpoint };
    Kind kind = Kind::Folder;
    QString name;
    QString path;    // folder, file, Hub repo id or endpoint URL: what identifies the choice
    QString detail;  // "LlamaForCausalLM · 135M params · 270 MB"
    bool usable = true;
    QString problem;  // why it is not usable ("Architecture Qwen2VLForConditionalGeneration is not supported")
};

class ModelPickerButton;
class ModelChoiceModel;

class ModelPicker : public QWidget {
    Q_OBJECT

public:
    // popupList()->model() data: true on the section header rows.
    static constexpr int HeaderRole = Qt::UserRole + 100;

    explicit ModelPicker(QWidget* parent = nullptr);

    void setChoices(const QVector<ModelChoice>& choices);
    QVector<ModelChoice> choices() const { return m_choices; }
    // The model in use (by path); an empty path: none yet.
    void setCurrent(const QString& path);
    QString current() const { return m_current; }

    // what: "Loading SmolLM2-135M-Instruct…"; fraction in [0, 1], or < 0 when unknown.
    void setLoading(bool loading, const QString& what = QString(), double fraction = -1.0);
    bool isLoading() const { return m_loading; }
    // Shows MESSAGE (the page says what went wrong and what to do) until dismissed or the next load.
    void setLoadError(const QString& message);
    QString loadError() const;

    void showPopup();
    void hidePopup();
    bool isPopupVisible() const;

    // For tests and keyboard users.
    QPushButton* button() const;
    QString buttonText() const;  // what the button shows, name and detail
    QLineEdit* popupFilter() const { return m_filter; }
    QListView* popupList() const { return m_list; }
    QPushButton* cancelButton() const { return m_cancel; }
    QToolButton* dismissErrorButton() const { return m_dismiss; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    void chosen(const lathe::ModelChoice& choice);
    void openFolderRequested();
    void openGgufRequested();
    void connectEndpointRequested();
    void refreshRequested();
    void cancelLoadRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildPopup();
    void choose(const QModelIndex& index);
    void applyFilter();
    void updateButton();

    QVector<ModelChoice> m_choices;
    QString m_current;
    bool m_loading = false;

    ModelPickerButton* m_button = nullptr;
    QWidget* m_loadRow = nullptr;
    QLabel* m_loadLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QWidget* m_errorRow = nullptr;
    QLabel* m_errorText = nullptr;
    QToolButton* m_dismiss = nullptr;

    QFrame* m_popup = nullptr;
    QLineEdit* m_filter = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_noMatch = nullptr;
    ModelChoiceModel* m_model = nullptr;
};

}  // namespace lathe
