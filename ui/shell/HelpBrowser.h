#pragma once
#include <QDialog>
#include <QStringList>

class QListWidget;
class QTextBrowser;

// Help > Documentation: the documents shipped with LatentSet (README.md and
// docs/*.md) in a list, the chosen one rendered from its Markdown; links
// between them are followed, web links open in the browser.
//
// Where the documents are (documentationFolder()): $LATENTSET_DOC_DIR if
// set; else <executable>/../share/latentset/doc, which is both the installed
// layout (bin/latentset beside share/latentset/doc, CMake's install rules
// and the Debian package) and the build tree (CMake copies the documents to
// <build>/share/latentset/doc, beside <build>/app/latentset); else the XDG
// data folders (/usr/share/latentset/doc, ...). Nothing is compiled in, so an
// installed binary never looks into a build tree. (Not /usr/share/doc:
// minimal Debian systems drop that folder's files, docs/packaging.md.) GUI
// thread only.
class HelpBrowser : public QDialog {
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget* parent = nullptr);

    // The folder holding README.md (and docs/), empty when none is found.
    static QString documentationFolder();
    // README.md first, then docs/*.md by name: absolute paths.
    static QStringList documents(const QString& folder);

    // Shows the document whose file name is `name` ("README.md", "ui.md").
    bool showDocument(const QString& name);
    QString currentDocument() const;
    QTextBrowser* browser() const { return browser_; }
    QListWidget* list() const { return list_; }

private:
    QListWidget* list_ = nullptr;
    QTextBrowser* browser_ = nullptr;
    QStringList paths_;
};
