#pragma once
#include <QJsonObject>
#include <QWidget>

#include "latentset/util/Types.h"
#include "widgets/FigureInfo.h"

#include <QVector>

class ClassScoreBars;
class ColorMapView;
class GlyphPad;
class GlyphPicker;
class JobRunner;
class PlotView;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QVBoxLayout;
class Session;
namespace latentset {
class CubeContexts;
struct OneShotResult;
} // namespace latentset

// View "pad": draw a glyph, see it normalised like MNIST and, with a class
// set in the session, its per-class scores update live while drawing
// (minus each member's reconstruction loss: the reconstruction term).
//
// One-shot test (paper §10, core concept/OneShotTest on the session's cube
// world): glyph A and B (drawn, built-in V/+, dataset samples), the source
// context, Run -> score x/N, a 10x10 map of the per-context margin (> 0: both
// glyphs on their own side of the halfway hyperplane), and a histogram of
// the same-glyph-other-context distances against the other-glyph distance.
//
// Drawn glyphs are kept in the session (and so in the project), saved as PNG
// or appended to an IDX3 file.
class PadView : public QWidget {
    Q_OBJECT
public:
    explicit PadView(Session* session, QWidget* parent = nullptr);
    ~PadView() override;

    GlyphPad* pad() const { return pad_; }
    GlyphPicker* pickerA() const { return pickerA_; }
    GlyphPicker* pickerB() const { return pickerB_; }
    ColorMapView* resultMap() const { return resultMap_; }
    PlotView* classBars() const;
    PlotView* histogram() const { return histogram_; }
    void setSourceContext(int context);
    // Last one-shot result: score and number of contexts (-1 before a run).
    int lastScore() const { return score_; }
    int lastContexts() const { return contexts_; }
    const latentset::Vector& lastClassScores() const { return classScores_; }
    // Contexts where A or B fell on the wrong side in the last result (listed
    // under the score); the inputs it was computed for ("V vs plus").
    const QVector<int>& failedContexts() const { return failedContexts_; }
    QString resultInputs() const { return resultInputs_; }
    QString scoreText() const;
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;
    // The one-shot picks, source context and whether it ran (its score) for
    // a project, and back: a run is repeated on the opened cube world, which
    // gives the saved result again (OneShotTest is deterministic).
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void runOneShot();
    // Adds the pad's glyph to the session's drawn glyphs under the name field's text.
    void keepGlyph();

private:
    void updateClassScores();
    void saveGlyphPng();
    void appendGlyphIdx();
    void clearOneShot(const QString& why);
    // Run button, world, A, B and source context -> runOneShot / clearOneShot.
    void connectOneShot(QPushButton* run);
    // The constructor's three parts, left to right; each sets its members.
    QGroupBox* buildDrawBox();
    QVBoxLayout* buildScoresColumn();
    QGroupBox* buildOneShotBox();
    void showOneShotResult(const latentset::OneShotResult& r, const QString& names,
                           const latentset::CubeContexts& contexts, int cols);
    void drawMarginMap(const latentset::OneShotResult& r, int cols);
    void drawDistanceHistogram(const latentset::OneShotResult& r);
    QString failedContextsText(const latentset::OneShotResult& r, const latentset::CubeContexts& contexts);

    Session* session_;
    JobRunner* classRunner_ = nullptr;
    JobRunner* oneShotRunner_ = nullptr;
    GlyphPad* pad_ = nullptr;
    QSlider* brush_ = nullptr;
    QLabel* normalised_ = nullptr;
    QLineEdit* name_ = nullptr;
    ClassScoreBars* bars_ = nullptr;
    GlyphPicker* pickerA_ = nullptr;
    GlyphPicker* pickerB_ = nullptr;
    QSpinBox* source_ = nullptr;
    QLabel* scoreLabel_ = nullptr;
    ColorMapView* resultMap_ = nullptr;
    PlotView* histogram_ = nullptr;
    latentset::Vector classScores_;
    int score_ = -1, contexts_ = -1;
    int classGeneration_ = 0, oneShotGeneration_ = 0;
    QVector<int> failedContexts_;
    QString resultInputs_;
};
