#pragma once
// Whether the session holds work that no project file has: training progress
// (either trainer stepped), a new or replaced model, drawn glyphs, a level-2
// concept. A generation counter rather than a flag: a save records the
// generation it gathered, so changes made while it wrote (training resumes
// during a long save) still count as unsaved afterwards.
//
// GUI thread only.
#include <QObject>

class Session;
class TrainerAdapter;

class UnsavedChanges : public QObject {
    Q_OBJECT
public:
    explicit UnsavedChanges(QObject* parent = nullptr) : QObject(parent) {}

    // New drawn glyphs and a new level-2 concept count. A model replaced by
    // an open or published by a trainer does not by itself: opened models are
    // in their file, and training counts through watch(TrainerAdapter*) (a
    // start-up panel publishing its untrained set is no work to lose).
    void watch(Session* session);
    // Every progress report (a mini-batch or more trained) counts.
    void watch(TrainerAdapter* trainer);

    quint64 generation() const { return generation_; }
    bool unsaved() const { return generation_ != saved_; }
    // What a successful save (or an open) wrote / read: that generation.
    void markSaved(quint64 generation);
    // Ignore the changes made so far (the session a new window starts with,
    // a project just opened: its own content is not new work).
    void markSaved() { markSaved(generation_); }

    // Any other new work (a member trained alone and installed).
    void touch();

signals:
    void unsavedChanged(bool unsaved);

private:

    quint64 generation_ = 0;
    quint64 saved_ = 0;
};
