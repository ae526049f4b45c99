#include "widgets/ModelSummary.h"

#include "session/Session.h"
#include "session/SessionWorld.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/ContextWorld.h"

#include <QCoreApplication>
#include <QStringList>

QString ModelSummary::classSet(const Session& session)
{
    const auto set = session.classSet();
    if (!set)
        return {};
    QString text = QCoreApplication::translate("ModelSummary", "class set: %1 members, %2")
                       .arg(set->size())
                       .arg(QString::fromStdString(set->config().describe()));
    if (!session.classNames().isEmpty())
        text += QCoreApplication::translate("ModelSummary", ", classes %1").arg(session.classNames().join(' '));
    return text;
}

QString ModelSummary::cubeWorld(const Session& session)
{
    const auto members = session.cubeMembers();
    const auto contexts = session.cubeContexts();
    if (!members || !contexts)
        return {};
    return QCoreApplication::translate("ModelSummary", "cube world: %1 contexts, %2x%2 frames, members %3")
        .arg(contexts->size())
        .arg(contexts->imageSize())
        .arg(QString::fromStdString(members->config().describe()));
}

QString ModelSummary::levelTwoConcept(const Session& session)
{
    const auto model = session.conceptModel();
    if (!model)
        return {};
    return QCoreApplication::translate("ModelSummary", "level-2 concept: %1%2")
        .arg(model->trained() ? QCoreApplication::translate("ModelSummary", "trained")
                              : QCoreApplication::translate("ModelSummary", "untrained"))
        .arg(model->calibrated() ? QCoreApplication::translate("ModelSummary", ", calibrated to θ") : QString());
}

QString ModelSummary::contextWorld(const Session& session)
{
    const auto world = session.world();
    if (!world || !world->members || !world->test)
        return {};
    return QCoreApplication::translate("ModelSummary", "%1 world: %2 contexts, %3x%4 frames, %5 rounds, members %6")
        .arg(QString::fromStdString(world->spec.kind))
        .arg(world->test->contextCount())
        .arg(world->test->frameWidth())
        .arg(world->test->frameHeight())
        .arg(qint64(world->rounds))
        .arg(QString::fromStdString(world->members->config().describe()));
}

QString ModelSummary::all(const Session& session)
{
    QStringList parts;
    for (const QString& p : {classSet(session), cubeWorld(session), levelTwoConcept(session), contextWorld(session)})
        if (!p.isEmpty())
            parts << p;
    return parts.join("; ");
}
