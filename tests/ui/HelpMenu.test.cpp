// Help: the menu opens the bundled documentation (README.md and docs/*.md,
// found in the build tree here as in an installed tree) and the paper's
// reference; the views' controls that are not self-explaining have tooltips.
#include "shell/HelpBrowser.h"
#include "shell/HelpMenu.h"
#include "shell/MainWindow.h"
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/ImaginerView.h"
#include "views/PadView.h"
#include "session/Session.h"
#include "TestModels.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSlider>
#include <QTextBrowser>
#include <QtTest>

class HelpMenuTest : public QObject {
    Q_OBJECT
private slots:
    void documentationIsFoundAndShown()
    {
        const QString folder = HelpBrowser::documentationFolder();
        QVERIFY2(!folder.isEmpty(), "no README.md under share/latentset/doc");
        const QStringList docs = HelpBrowser::documents(folder);
        QVERIFY(docs.first().endsWith("/README.md"));
        QVERIFY(docs.contains(folder + "/docs/ui.md"));
        QVERIFY(docs.contains(folder + "/docs/cli.md"));

        HelpBrowser browser;
        browser.show();
        QCOMPARE(browser.currentDocument(), QString("README.md"));
        QVERIFY(browser.browser()->toPlainText().contains("LatentSet"));
        QVERIFY(browser.showDocument("ui.md"));
        QCOMPARE(browser.currentDocument(), QString("ui.md"));
        QVERIFY(browser.browser()->toPlainText().contains("HeatmapView"));
        QCOMPARE(browser.list()->currentItem()->text(), QString("ui.md"));
        QVERIFY(!browser.showDocument("nothing.md"));
        QTest::qWait(50);
        QVERIFY(browser.grab().save(testmodels::shotPath("help-browser.png")));

        // LATENTSET_DOC_DIR wins over the other places.
        qputenv("LATENTSET_DOC_DIR", "/nonexistent");
        QCOMPARE(HelpBrowser::documentationFolder(), folder); // not a folder with README.md: skipped
        qunsetenv("LATENTSET_DOC_DIR");
    }

    void mainWindowHasTheHelpMenu()
    {
        MainWindow window;
        auto* help = window.findChild<HelpMenu*>("helpMenu");
        QVERIFY(help && window.menuBar()->actions().contains(help->menuAction()));
        auto* docs = help->findChild<QAction*>("helpDocumentation");
        QVERIFY(docs);
        QCOMPARE(docs->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QVERIFY(help->findChild<QAction*>("helpPaper"));
        HelpBrowser* browser = help->showDocumentation("cli.md");
        QVERIFY(browser && browser->isVisible());
        QCOMPARE(browser->currentDocument(), QString("cli.md"));
        QCOMPARE(help->showDocumentation(), browser); // one window, raised again
        // The paper as the seed text names it.
        const QString ref = HelpMenu::paperReference();
        QVERIFY(ref.contains("Sets of autoencoders with shared latent spaces"));
        QVERIFY(ref.contains("Vasily Morzhakov"));
        QVERIFY(ref.contains("2018"));
    }

    void viewControlsHaveTooltips()
    {
        const auto world = testmodels::cubeWorld(1);
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        HeatmapView heatmap(&session);
        GalleryView gallery(&session);
        PadView pad(&session);
        ImaginerView imaginer(&session);
        for (QWidget* view : {static_cast<QWidget*>(&heatmap), static_cast<QWidget*>(&gallery),
                              static_cast<QWidget*>(&pad), static_cast<QWidget*>(&imaginer)}) {
            QList<QWidget*> controls;
            for (auto* w : view->findChildren<QSlider*>())
                controls << w;
            for (auto* w : view->findChildren<QAbstractSpinBox*>())
                controls << w;
            for (auto* w : view->findChildren<QComboBox*>())
                controls << w;
            for (auto* w : view->findChildren<QCheckBox*>())
                controls << w;
            for (auto* w : view->findChildren<QLineEdit*>())
                if (!qobject_cast<QAbstractSpinBox*>(w->parentWidget()) && !qobject_cast<QComboBox*>(w->parentWidget()))
                    controls << w;
            QVERIFY(!controls.isEmpty());
            for (QWidget* w : controls)
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(QString("%1: %2 \"%3\" has no tooltip")
                                                                 .arg(view->metaObject()->className(),
                                                                      w->metaObject()->className(), w->accessibleName())));
        }
    }
};

QTEST_MAIN(HelpMenuTest)
#include "HelpMenu.test.moc"
