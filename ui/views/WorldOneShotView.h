#pragma once
#include <QJsonObject>
#include <QVector>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include "latentset/world/WorldOneShot.h"

#include <memory>
#include <vector>

class ContextMapView;
class JobRunner;
class QLabel;
class Session;
class WorldInputBar;
struct SessionWorld;

// View "world-oneshot" (docs/ui.md "World views"): one-shot recognition on
// any world (the paper's §10, fig. 10-11): two new things A and B — glyphs
// (a built-in one, one drawn on the pad) or held-out items — are shown ONCE
// in a source context; the hyperplane halfway between their codes must put
// each on its own side when it is shown in every other context. Core's
// WorldOneShot runs it for EVERY source context; the context map shows the
// score (% of contexts where both fall on their side) per source, and the
// selected source's distances (same thing other context vs other thing same
// context). No member is retrained. JobRunner, latest wins.
class WorldOneShotView : public QWidget {
    Q_OBJECT
public:
    explicit WorldOneShotView(Session* session, QWidget* parent = nullptr);
    ~WorldOneShotView() override;

    ContextMapView* map() const { return map_; }
    WorldInputBar* inputA() const { return a_; }
    WorldInputBar* inputB() const { return b_; }
    // The last scores, one per source context.
    const std::vector<latentset::WorldOneShotScore>& scores() const { return scores_; }
    QLabel* summary() const { return summary_; }
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void evaluate();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void worldChanged();
    void showDetails(int source);

    Session* session_;
    std::shared_ptr<const SessionWorld> world_;
    JobRunner* runner_ = nullptr;
    WorldInputBar* a_ = nullptr;
    WorldInputBar* b_ = nullptr;
    ContextMapView* map_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* details_ = nullptr;
    std::vector<latentset::WorldOneShotScore> scores_;
    bool stale_ = false;
};
