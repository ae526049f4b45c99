#pragma once
#include <QImage>
#include <QJsonObject>
#include <QVector>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include <memory>

class ContextMapView;
class JobRunner;
class QCheckBox;
class QLabel;
class QSpinBox;
class Session;
class WorldInputBar;
struct SessionWorld;

// View "world-gallery" (docs/ui.md "World views"): context transfer on any
// world (the paper's fig. 6): an input shown in a source context is encoded
// by that context's member and decoded by every member, each result drawn
// in its context's place on the world's context map (ContextMapView in
// image mode: a ring of turned glyphs, small multiples of placed ones, a
// list of fonts). "Truth" shows the input really seen in every context, to
// compare. Click a context to move the input from there. Core's
// WorldTransfer does the work in a JobRunner (latest wins), again on every
// change and published snapshot.
class WorldGalleryView : public QWidget {
    Q_OBJECT
public:
    explicit WorldGalleryView(Session* session, QWidget* parent = nullptr);
    ~WorldGalleryView() override;

    ContextMapView* map() const { return map_; }
    WorldInputBar* inputBar() const { return input_; }
    QSpinBox* sourceBox() const { return source_; }
    QCheckBox* truthBox() const { return truth_; }
    // The last images drawn (one per context).
    const QVector<QImage>& images() const { return images_; }
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

    Session* session_;
    std::shared_ptr<const SessionWorld> world_;
    JobRunner* runner_ = nullptr;
    WorldInputBar* input_ = nullptr;
    QSpinBox* source_ = nullptr;
    QCheckBox* truth_ = nullptr;
    ContextMapView* map_ = nullptr;
    QLabel* status_ = nullptr;
    QVector<QImage> images_;
    bool stale_ = false;
};
