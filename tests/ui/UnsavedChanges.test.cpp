// Closing never throws work away silently: a session with work that no file
// holds (here drawn glyphs; training progress counts the same way) asks Save /
// Discard / Cancel; Save is enabled only when there is something to save; an
// opened project is not new work; a save counts only what it gathered.
#include "shell/MainWindow.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "TestModels.h"
#include "project/UnsavedChanges.h"

#include "latentset/data/BuiltinGlyphs.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

class UnsavedChangesTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dataDir_, files_;

    // Answers the close prompt with `button` as soon as it is up.
    static void answerCloseBox(QMessageBox::StandardButton button, bool* seen)
    {
        QTimer::singleShot(50, [button, seen] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->objectName() == "unsavedBox") {
                    *seen = true;
                    box->button(button)->click();
                    return;
                }
            answerCloseBox(button, seen); // not up yet
        });
    }
    static void draw(MainWindow& w) { w.session()->addDrawnGlyph("my V", latentset::BuiltinGlyphs::render("V")); }

private slots:
    void initTestCase() { qputenv("LATENTSET_DATA_DIR", dataDir_.path().toUtf8()); }

    void aNewWindowHasNothingToSave()
    {
        MainWindow w;
        QVERIFY(!w.unsavedChanges()->unsaved());
        QVERIFY(!w.saveAction()->isEnabled());
        draw(w);
        QVERIFY(w.unsavedChanges()->unsaved());
        QVERIFY(w.saveAction()->isEnabled());
    }

    void closingWithUnsavedWorkAsks()
    {
        MainWindow w;
        w.show();
        draw(w);
        bool seen = false;
        answerCloseBox(QMessageBox::Cancel, &seen);
        QVERIFY(!w.close());
        QVERIFY(seen);
        QVERIFY(w.isVisible());
        seen = false;
        answerCloseBox(QMessageBox::Discard, &seen);
        QVERIFY(w.close());
        QVERIFY(seen);
    }

    void saveAtCloseWritesTheProjectThenCloses()
    {
        const QString project = files_.filePath("mine.lset");
        testmodels::saveClassSetProject(project);
        MainWindow w;
        QString error;
        QVERIFY2(w.openProject(project, &error), qPrintable(error));
        QVERIFY2(!w.unsavedChanges()->unsaved(), "an opened project is not new work");
        w.show();
        draw(w);
        bool seen = false;
        answerCloseBox(QMessageBox::Save, &seen);
        QVERIFY(!w.close()); // not yet: the save runs on a worker
        QVERIFY(seen);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 30000);
        Session reopened;
        ProjectFile::load(project, reopened);
        QCOMPARE(reopened.drawnGlyphs().size(), 1);
    }

    void aSaveCountsOnlyWhatItGathered()
    {
        Session session;
        UnsavedChanges unsaved;
        unsaved.watch(&session);
        session.addDrawnGlyph("a", latentset::BuiltinGlyphs::render("V"));
        const quint64 gathered = unsaved.generation();
        session.addDrawnGlyph("b", latentset::BuiltinGlyphs::render("plus")); // while the save writes
        unsaved.markSaved(gathered);
        QVERIFY(unsaved.unsaved());
        unsaved.markSaved();
        QVERIFY(!unsaved.unsaved());
    }
};

QTEST_MAIN(UnsavedChangesTest)
#include "UnsavedChanges.test.moc"
