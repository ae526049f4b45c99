// MainWindow remembers its layout in QSettings: window size, the current
// view, the training view's mode and every view's splitter positions come
// back in a new window. A temporary INI file stands in for the user's
// settings, which the test never touches.
#include "shell/MainWindow.h"
#include "training/TrainingPanel.h"

#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

class MainWindowLayoutTest : public QObject {
    Q_OBJECT
private:
    static QSplitter* trainingSplitter(MainWindow& w)
    {
        const auto splitters = w.trainingPanel()->findChildren<QSplitter*>();
        return splitters.isEmpty() ? nullptr : splitters.first();
    }

private slots:
    void layoutComesBack()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath("layout.ini");
        QList<int> sizes;
        {
            MainWindow a;
            a.resize(1234, 777);
            a.show();
            QVERIFY(QTest::qWaitForWindowExposed(&a));
            QVERIFY(a.showView("training"));
            QSplitter* split = trainingSplitter(a);
            QVERIFY(split);
            QTRY_VERIFY(split->sizes().value(0) > 0);
            // Drag the split far from its default (3:2): plots 1:4.
            const int total = split->sizes().value(0) + split->sizes().value(1);
            split->setSizes({total / 5, total - total / 5});
            sizes = split->sizes();
            a.trainingPanel()->setCubeMode(true);
            QVERIFY(a.showView("gallery"));
            QSettings settings(ini, QSettings::IniFormat);
            a.saveLayout(settings);
        }
        MainWindow b;
        QCOMPARE(b.findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly)->currentWidget()->objectName(), QString("start"));
        {
            const QSettings settings(ini, QSettings::IniFormat);
            b.restoreLayout(settings);
        }
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QCOMPARE(b.size(), QSize(1234, 777));
        QCOMPARE(b.findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly)->currentWidget()->objectName(), QString("gallery"));
        QVERIFY(b.trainingPanel()->cubeMode());
        QVERIFY(b.showView("training"));
        b.trainingPanel()->setCubeMode(false); // the splitter's page, as when it was saved
        QSplitter* split = trainingSplitter(b);
        QTRY_COMPARE(split->sizes(), sizes);

        // Nothing saved: defaults, no error.
        MainWindow c;
        const QSettings empty(dir.filePath("none.ini"), QSettings::IniFormat);
        c.restoreLayout(empty);
        QCOMPARE(c.findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly)->currentWidget()->objectName(), QString("start"));
        QVERIFY(!c.trainingPanel()->cubeMode());
    }
};

QTEST_MAIN(MainWindowLayoutTest)
#include "MainWindowLayout.test.moc"
