#pragma once
#include <QStringList>
#include <QWidget>

class QFrame;
class QListWidget;
class QLabel;

// The Start page (view "start"): the paper's experiments as one-click
// recipes, and the recent projects. It only emits requests; MainWindow
// routes them to the views that carry them out.
class StartPage : public QWidget {
    Q_OBJECT
public:
    // Recipe ids, stable (used by --recipe and tests).
    static QStringList recipeIds()
    {
        return {"classify-mnist", "cube-world", "one-shot", "cube-concept",
                "world-rotation", "world-scale-position", "world-fonts", "world-folder"};
    }

    explicit StartPage(QWidget* parent = nullptr);

    // Recent projects, most recent first (kept in QSettings "recentProjects").
    static QStringList recentProjects();
    static void addRecentProject(const QString& path);
    void refreshRecent();
    // Enables a recipe only when the core part it needs exists in this build.
    void setRecipeAvailable(const QString& id, bool available, const QString& why = {});
    // A line under the title (e.g. "MNIST: 60,000 training images found").
    void setStatus(const QString& text);

signals:
    void recipeRequested(const QString& id);
    void openProjectRequested(const QString& path); // empty = ask with a dialog

private:
    // One recipe's card: title, what it does, what it reproduces, "Set up".
    QFrame* makeCard(const QString& id, const QString& title, const QString& body, const QString& paperText);

    QListWidget* recent_ = nullptr;
    QLabel* status_ = nullptr;
};
