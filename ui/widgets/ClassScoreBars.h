#pragma once
#include "widgets/PlotView.h"

#include "latentset/util/Types.h"

#include <QStringList>

class QCPItemRect;

// The per-class score bars beside a glyph (heatmap and pad views): one bar
// per member of the session's class set, x = class index, labelled with the
// class names. The scores are whatever the view computed (both views show
// minus each member's reconstruction loss); this class only draws them, in
// the palette's colour at 0.35, as the single series 0 named "score".
// The winning class (largest score) is drawn in orange, every bar carries
// its value, and the title names the winner and its lead over the next.
//
// Every class set gets bars: classes without a name (a set trained in the
// app on MNIST, whose IDX files name no class) are labelled by their index.
// GUI thread only, like PlotView.
class ClassScoreBars : public PlotView {
    Q_OBJECT
public:
    // Title and axis labels ("class", "score") are set here.
    explicit ClassScoreBars(const QString& title, QWidget* parent = nullptr);

    // Replaces the bars; scores[i] is class i's (classNames[i] under it, or
    // "i" when the list is shorter or the name empty).
    void setScores(const latentset::Vector& scores, const QStringList& classNames);
    // No bars (the input went away): an empty series, no winner.
    void clearScores();
    // Index of the highlighted (largest) score, -1 without scores.
    int winner() const { return winner_; }
    // The labels under the bars as drawn (class names, indices filling gaps).
    const QStringList& labels() const { return labels_; }
    // The numbers written on the bars, in class order.
    QStringList valueTexts() const;

private:
    void removeValueItems();

    QString baseTitle_;
    QStringList labels_;
    QCPItemRect* highlight_ = nullptr;
    int winner_ = -1;
};
