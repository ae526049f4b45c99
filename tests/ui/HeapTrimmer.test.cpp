// The long-session memory release (HeapTrimmer): its timer runs the trim on a
// worker, again and again, and never on top of a trim still running.
#include "shell/HeapTrimmer.h"

#include <QtTest>

class HeapTrimmerTest : public QObject {
    Q_OBJECT
private slots:
    void trimsRepeatedlyOffTheGuiThread()
    {
        HeapTrimmer trimmer(nullptr, 20);
        QCOMPARE(trimmer.trims(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(trimmer.trims() >= 3, 5000);
    }
};

QTEST_MAIN(HeapTrimmerTest)
#include "HeapTrimmer.test.moc"
