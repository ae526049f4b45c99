#pragma once
#include "widgets/PlotView.h"

#include "latentset/util/Types.h"

#include <QStringList>

// The per-class score bars beside a glyph (heatmap and pad views): one bar
// per member of the session's class set, x = class index, labelled with the
// class names. The scores are whatever the view computed (both views show
// minus each member's reconstruction loss); this class only draws them, in
// the palette's colour at 0.35, as the single series 0 named "score".
//
// GUI thread only, like PlotView.
class ClassScoreBars : public PlotView {
    Q_OBJECT
public:
    // Title and axis labels ("class", "score") are set here.
    explicit ClassScoreBars(const QString& title, QWidget* parent = nullptr);

    // Replaces the bars; scores[i] is class i's (classNames[i] under it).
    void setScores(const latentset::Vector& scores, const QStringList& classNames);
};
