// The training strip tells the truth and answers the keys (docs/ui.md):
// the Play/Pause label follows the trainer after Step and after Pause;
// Space toggles Play/Pause from a focused Step button, the smoothing slider
// and the view tabs, "." steps, neither is taken from text being typed; the
// batch-size note does not move the buttons and the progress text is not
// clipped; the reported rates leave a pause out.
#include "shell/MainWindow.h"
#include "TestModels.h"
#include "async/TrainerAdapter.h"
#include "training/ClassSetCurves.h"
#include "training/ClassSetTrainingPanel.h"
#include "training/TrainingPanel.h"
#include "training/TrainingStrip.h"
#include "widgets/PlotView.h"

#include "latentset/nn/ClassSetTask.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabBar>
#include <QtTest>
#include <qcustomplot.h>

using latentset::TrainerState;

class TrainingControlsTest : public QObject {
    Q_OBJECT
private:
    // 784-32-4 members, batch 8 over 32 images per class: 4 batches an epoch.
    static void configureSmall(TrainingPanel& panel)
    {
        latentset::ClassSetSettings s;
        s.batchSize = 8;
        s.optimizer.learningRate = 3e-3f;
        s.seed = 3;
        panel.setData(testmodels::classSplits(32));
        panel.setSettings(latentset::AutoencoderConfig::make(784, {32}, 4, true), s, 100000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->hasTask() && !panel.property("busy").toBool(), 20000);
    }
    static std::size_t position(TrainingPanel& panel)
    {
        const auto task = panel.classTask();
        return std::size_t(task->stepsDone());
    }

private slots:
    // Issue 13.6: "Pause" only while the trainer is asked to run.
    void playLabelFollowsTheTrainer()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.resize(1200, 800);
        panel.show();
        configureSmall(panel);
        QPushButton* play = panel.playButton();
        QCOMPARE(play->text(), QString("Play"));

        QTest::mouseClick(panel.stepButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(position(panel) == 1 && panel.trainingAtRest(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);
        QCOMPARE(play->text(), QString("Play")); // parked after the step
        QTest::qWait(100);
        QCOMPARE(play->text(), QString("Play"));

        QTest::mouseClick(play, Qt::LeftButton);
        QCOMPARE(play->text(), QString("Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(position(panel) > 10, 20000);
        QCOMPARE(play->text(), QString("Pause"));
        QTest::mouseClick(play, Qt::LeftButton);
        QCOMPARE(play->text(), QString("Play")); // at once, though the batch under way ends first
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);
        QTest::qWait(100);
        QCOMPARE(play->text(), QString("Play"));

        // Step while running: one batch more, then parked, and the label says so.
        QTest::mouseClick(play, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Running, 20000);
        panel.step();
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);
        QCOMPARE(play->text(), QString("Play"));
    }

    // Issue 13.7: Space on a focused Step button toggles play, never steps.
    void spaceOnAFocusedStepButtonTogglesPlay()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel) || true);
        configureSmall(panel);
        QPushButton* step = panel.stepButton();
        step->setFocus();
        QSignalSpy stepped(panel.classSet()->strip(), &TrainingStrip::stepRequested);
        QTest::keyClick(step, Qt::Key_Space);
        QCOMPARE(stepped.count(), 0);
        QVERIFY(panel.adapter()->playing());
        QCOMPARE(panel.playButton()->text(), QString("Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(position(panel) > 5, 20000); // it runs, more than one step
        QTest::keyClick(step, Qt::Key_Space);
        QVERIFY(!panel.adapter()->playing());
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);
        QCOMPARE(stepped.count(), 0);
        QCOMPARE(panel.playButton()->text(), QString("Play"));

        // A focused Reset button: Space plays, the task stays.
        const auto task = panel.classTask();
        panel.resetButton()->setFocus();
        QTest::keyClick(panel.resetButton(), Qt::Key_Space);
        QVERIFY(panel.adapter()->playing());
        QCOMPARE(panel.classTask(), task);
        QTest::keyClick(panel.resetButton(), Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);

        // On the smoothing slider: Space toggles, the slider keeps its value.
        QSlider* slider = nullptr;
        for (QSlider* s : panel.findChildren<QSlider*>())
            if (s->accessibleName() == "Curve smoothing")
                slider = s;
        QVERIFY(slider);
        const int smoothing = slider->value();
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_Space);
        QVERIFY(panel.adapter()->playing());
        QTest::keyClick(slider, Qt::Key_Space);
        QVERIFY(!panel.adapter()->playing());
        QCOMPARE(slider->value(), smoothing);
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Paused, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 20000);
        QTest::qWait(200); // a batch begun between the two presses has ended
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 20000);

        // "." steps exactly one batch, from a focused button too...
        const std::size_t before = position(panel);
        QTest::keyClick(step, Qt::Key_Period);
        QTRY_VERIFY2_WITH_TIMEOUT(position(panel) == before + 1 && panel.trainingAtRest(),
                                  qPrintable(QString("%1 -> %2").arg(before).arg(position(panel))), 20000);
        QVERIFY(!panel.adapter()->playing());
        // ...but a "." typed into the learning rate is the number's.
        QSignalSpy typed(panel.classSet()->strip(), &TrainingStrip::stepRequested);
        panel.learningRateBox()->setFocus();
        QTest::keyClick(panel.learningRateBox(), Qt::Key_Period);
        QCOMPARE(typed.count(), 0);
    }

    // Issue 13.7 in the full window: Space on the view tabs toggles play.
    void spaceOnTheViewTabsTogglesPlay()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.showView("training"));
        TrainingPanel& panel = *window.trainingPanel();
        configureSmall(panel);
        QTabBar* tabs = window.findChild<QTabBar*>();
        QVERIFY(tabs);
        tabs->setFocus();
        QTest::keyClick(tabs, Qt::Key_Space);
        QVERIFY(panel.adapter()->playing());
        QTest::keyClick(tabs, Qt::Key_Space);
        QVERIFY(!panel.adapter()->playing());
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 20000);
        // Another view shown: Space is not the training's.
        QVERIFY(window.showView("heatmap"));
        QTest::keyClick(tabs, Qt::Key_Space);
        QVERIFY(!panel.adapter()->playing());
    }

    // Issue 13.9: the note never moves the buttons; the status is not clipped.
    void noteDoesNotMoveTheButtons()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.resize(1200, 800);
        panel.show();
        configureSmall(panel);
        panel.step();
        QTRY_VERIFY_WITH_TIMEOUT(position(panel) == 1 && panel.trainingAtRest(), 20000);
        QCoreApplication::processEvents();
        auto at = [&](QWidget* w) { return QRect(w->mapTo(&panel, QPoint(0, 0)), w->size()); };
        const QRect play = at(panel.playButton()), step = at(panel.stepButton()), reset = at(panel.resetButton());

        panel.batchSizeBox()->setValue(16); // mid-epoch: the note appears
        QLabel* note = nullptr;
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->accessibleName() == "Pending batch size")
                note = l;
        QVERIFY(note && note->isVisible() && note->text().contains("16"));
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QCOMPARE(at(panel.playButton()), play);
        QCOMPARE(at(panel.stepButton()), step);
        QCOMPARE(at(panel.resetButton()), reset);
        QVERIFY(panel.grab().toImage().save(testmodels::shotPath("training-note.png")));

        // The epoch ends, the note goes: the buttons stay where they are.
        for (int i = 0; i < 3; ++i) {
            const std::size_t before = position(panel);
            panel.step();
            QTRY_VERIFY_WITH_TIMEOUT(position(panel) != before && panel.trainingAtRest(), 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!note->isVisible(), 20000);
        QCoreApplication::processEvents();
        QCOMPARE(at(panel.playButton()), play);

        // The status line wraps: every line of its text has room.
        QLabel* status = panel.classSet()->strip()->statusLabel();
        status->setText("epoch 12345/100000 · batch 4/4 · ETA 123456.7 min · a long status line that needs wrapping");
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QVERIFY2(status->height() >= status->heightForWidth(status->width()),
                 qPrintable(QString("%1 < %2").arg(status->height()).arg(status->heightForWidth(status->width()))));
        QCOMPARE(at(panel.playButton()), play);
    }

    // Issue 13.9: samples/s and the time trained leave a pause out.
    void ratesLeaveAPauseOut()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.show();
        configureSmall(panel);
        QSignalSpy reports(panel.adapter(), &TrainerAdapter::progress);
        QElapsedTimer wall;
        wall.start();
        panel.togglePlay();
        QTest::qWait(600);
        panel.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 20000);
        QTest::qWait(1500); // parked
        panel.togglePlay();
        const int before = reports.count();
        QTRY_VERIFY_WITH_TIMEOUT(reports.count() > before + 2, 20000);
        panel.togglePlay();
        const double walled = wall.elapsed() / 1000.0;
        const auto last = reports.last().at(0).value<latentset::TrainerProgress>();
        // The time trained is the wall time less the 1.5 s parked.
        QVERIFY2(last.elapsedSeconds < walled - 1.2,
                 qPrintable(QString("%1 s trained in %2 s wall").arg(last.elapsedSeconds).arg(walled)));
        QVERIFY(panel.speedLabel()->text().contains("samples/s"));
    }

    // Issue 13.8: the smoothing stays as the user set it, wherever it was set:
    // the plot's context menu (PlotView::setSmoothing) moves the slider too.
    void smoothingSliderFollowsThePlot()
    {
        ClassSetCurves curves;
        QSlider* slider = curves.findChild<QSlider*>();
        QVERIFY(slider);
        QCOMPARE(slider->value(), 60);
        curves.lossPlot()->setSmoothing(0.25);
        QCOMPARE(slider->value(), 25);
        slider->setValue(80);
        QCOMPARE(curves.lossPlot()->smoothing(), 0.8);
    }

    // The scored lines (test loss per member, accuracy) show a dot where
    // each value was measured; the training lines do not.
    void scoredLinesShowTheirPoints()
    {
        ClassSetCurves curves;
        curves.setup(3, {}, true);
        QCustomPlot* loss = curves.lossPlot()->plot();
        QCOMPARE(loss->graphCount(), 6);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(loss->graph(i)->scatterStyle().shape(), QCPScatterStyle::ssNone);
            QCOMPARE(loss->graph(3 + i)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
        }
        QCOMPARE(curves.accuracyPlot()->plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    }
};

QTEST_MAIN(TrainingControlsTest)
#include "TrainingControls.test.moc"
