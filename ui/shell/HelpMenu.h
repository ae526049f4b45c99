#pragma once
#include <QMenu>
#include <QPointer>

class HelpBrowser;

// The Help menu of the main window: the bundled documentation (F1, in
// HelpBrowser), the paper LatentSet reproduces (its reference and where its
// authors' code is), and About. Self-contained: MainWindow only adds it to
// its menu bar.
class HelpMenu : public QMenu {
    Q_OBJECT
public:
    explicit HelpMenu(QWidget* window);

    // The paper's reference as shown by Help > The Paper (HTML).
    static QString paperReference();
    // Opens (or raises) the documentation window on `document` (a file name).
    HelpBrowser* showDocumentation(const QString& document = "README.md");

private:
    void showPaper();
    void showAbout();

    QWidget* window_;
    QPointer<HelpBrowser> browser_;
};
