#include "shell/HelpMenu.h"

#include "shell/HelpBrowser.h"

#include <QApplication>
#include <QMessageBox>

HelpMenu::HelpMenu(QWidget* window) : QMenu(tr("&Help"), window), window_(window)
{
    setObjectName("helpMenu");
    QAction* docs = addAction(tr("LatentSet &Documentation"), this, [this] { showDocumentation(); });
    docs->setShortcut(QKeySequence::HelpContents);
    docs->setObjectName("helpDocumentation");
    addAction(tr("The &User Interface (docs/ui.md)"), this, [this] { showDocumentation("ui.md"); });
    addAction(tr("The &Command Line (docs/cli.md)"), this, [this] { showDocumentation("cli.md"); });
    addSeparator();
    QAction* paper = addAction(tr("The &Paper…"), this, &HelpMenu::showPaper);
    paper->setObjectName("helpPaper");
    addSeparator();
    addAction(tr("&About LatentSet"), this, &HelpMenu::showAbout);
}

QString HelpMenu::paperReference()
{
    return tr("<p>LatentSet reproduces and extends:</p>"
              "<p><b>Vasily Morzhakov, <i>Sets of autoencoders with shared latent spaces</i>, "
              "November 7, 2018.</b></p>"
              "<p>The paper's own code of its experiments: "
              "<a href=\"https://gitlab.com/Morzhakov/SharedLatentSpace\">gitlab.com/Morzhakov/SharedLatentSpace</a>.</p>"
              "<p>Which of its figures LatentSet reproduces, with the commands and the measured values: "
              "README.md, section <i>What it reproduces</i> (Help → LatentSet Documentation).</p>");
}

HelpBrowser* HelpMenu::showDocumentation(const QString& document)
{
    if (!browser_) {
        browser_ = new HelpBrowser(window_);
        browser_->setAttribute(Qt::WA_DeleteOnClose);
    }
    browser_->showDocument(document);
    browser_->show();
    browser_->raise();
    browser_->activateWindow();
    return browser_;
}

void HelpMenu::showPaper()
{
    QMessageBox box(QMessageBox::Information, tr("The paper"), paperReference(), QMessageBox::Close, window_);
    box.setObjectName("paperBox");
    box.setTextFormat(Qt::RichText);
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    box.exec();
}

void HelpMenu::showAbout()
{
    QMessageBox::about(window_, tr("About LatentSet"),
                       tr("<b>LatentSet %1</b><p>Sets of autoencoders with a shared latent "
                          "space.</p><p>GPL-3.0-or-later.</p>")
                           .arg(QApplication::applicationVersion()));
}
