#include "project/UnsavedChanges.h"

#include "session/Session.h"
#include "async/TrainerAdapter.h"

void UnsavedChanges::watch(Session* session)
{
    connect(session, &Session::conceptChanged, this, &UnsavedChanges::touch);
    connect(session, &Session::worldConceptChanged, this, &UnsavedChanges::touch);
    connect(session, &Session::drawnGlyphsChanged, this, &UnsavedChanges::touch);
    connect(session, &Session::mlpBaselineChanged, this, &UnsavedChanges::touch);
}

void UnsavedChanges::watch(TrainerAdapter* trainer)
{
    connect(trainer, &TrainerAdapter::progress, this, &UnsavedChanges::touch);
}

void UnsavedChanges::touch()
{
    const bool was = unsaved();
    ++generation_;
    if (!was)
        emit unsavedChanged(true);
}

void UnsavedChanges::markSaved(quint64 generation)
{
    const bool was = unsaved();
    saved_ = generation;
    if (was != unsaved())
        emit unsavedChanged(unsaved());
}
