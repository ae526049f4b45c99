#include "shell/HelpBrowser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>

// The same places for the installed app and the built one (nothing is compiled in):
// <executable>/../share/latentset/doc is /usr/share/latentset/doc for /usr/bin/latentset
// and build/<preset>/share/latentset/doc for build/<preset>/app/latentset (app/CMakeLists.txt
// copies the documents there); then the XDG data folders (the ui tests, which run from
// elsewhere in the build tree, put the build tree's share/ first).
QString HelpBrowser::documentationFolder()
{
    QStringList candidates;
    if (const QString env = qEnvironmentVariable("LATENTSET_DOC_DIR"); !env.isEmpty())
        candidates << env;
    candidates << QDir(QCoreApplication::applicationDirPath()).filePath("../share/latentset/doc");
    for (const QString& data : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        candidates << QDir(data).filePath("latentset/doc");
    for (const QString& c : candidates)
        if (!c.isEmpty() && QFileInfo::exists(QDir(c).filePath("README.md")))
            return QDir(c).canonicalPath();
    return {};
}

QStringList HelpBrowser::documents(const QString& folder)
{
    if (folder.isEmpty())
        return {};
    QStringList paths{QDir(folder).filePath("README.md")};
    const QDir docs(QDir(folder).filePath("docs"));
    for (const QString& name : docs.entryList({"*.md"}, QDir::Files, QDir::Name))
        paths << docs.filePath(name);
    return paths;
}

HelpBrowser::HelpBrowser(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("LatentSet documentation"));
    setObjectName("helpBrowser");
    resize(1100, 760);
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter;
    list_ = new QListWidget;
    list_->setAccessibleName(tr("Documents"));
    list_->setMaximumWidth(220);
    browser_ = new QTextBrowser;
    browser_->setAccessibleName(tr("Document"));
    browser_->setOpenExternalLinks(true);
    split->addWidget(list_);
    split->addWidget(browser_);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    const QString folder = documentationFolder();
    paths_ = documents(folder);
    if (paths_.isEmpty()) {
        browser_->setPlainText(tr("The documentation was not found. It is installed under share/latentset/doc "
                                  "(README.md and docs/); set LATENTSET_DOC_DIR to the folder that holds README.md."));
    } else {
        browser_->setSearchPaths({folder, QDir(folder).filePath("docs")});
        for (const QString& p : paths_)
            list_->addItem(QFileInfo(p).fileName());
    }
    auto* where = new QLabel(folder.isEmpty() ? QString() : tr("From %1").arg(folder));
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < paths_.size() && QFileInfo(browser_->source().toLocalFile()) != QFileInfo(paths_[row]))
            browser_->setSource(QUrl::fromLocalFile(paths_[row]), QTextDocument::MarkdownResource);
    });
    // A link followed inside the browser selects its document in the list.
    connect(browser_, &QTextBrowser::sourceChanged, this, [this](const QUrl& url) {
        const int row = paths_.indexOf(QFileInfo(url.toLocalFile()).absoluteFilePath());
        if (row >= 0 && row != list_->currentRow()) {
            const QSignalBlocker block(list_);
            list_->setCurrentRow(row);
        }
    });
    if (!paths_.isEmpty())
        list_->setCurrentRow(0);
}

bool HelpBrowser::showDocument(const QString& name)
{
    for (int i = 0; i < paths_.size(); ++i)
        if (QFileInfo(paths_[i]).fileName() == name) {
            list_->setCurrentRow(i);
            return true;
        }
    return false;
}

QString HelpBrowser::currentDocument() const { return QFileInfo(browser_->source().toLocalFile()).fileName(); }
