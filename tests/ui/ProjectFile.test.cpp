// ProjectFile: a session saved and opened again gives the same models
// (outputs bit for bit), class names and drawn glyphs; damaged files are
// refused with a message naming the file, and the session is left as it was.
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/util/Error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class ProjectFileTest : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        const auto classSet = testmodels::classSet(5);
        const testmodels::CubeWorld world = testmodels::cubeWorld(2);
        Session saved;
        saved.setClassSet(classSet, testmodels::classGlyphNames());
        saved.setCubeWorld(world.members, world.contexts);
        saved.addDrawnGlyph("my V", latentset::BuiltinGlyphs::render("V"));
        QTemporaryDir dir;
        const QString path = dir.filePath("session.latentset");
        Session opened;
        ProjectFile::Contents c;
        try {
            ProjectFile::save(path, saved, QJsonObject{{"dataset", "mnist"}, {"latent", 4}});
            c = ProjectFile::load(path, opened);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QVERIFY(c.classSet && c.cubeWorld && !c.conceptModel);
        QCOMPARE(c.project["dataset"].toString(), QString("mnist"));
        QCOMPARE(opened.classNames(), testmodels::classGlyphNames());
        QCOMPARE(opened.drawnGlyphs().size(), 1);
        QCOMPARE(opened.drawnGlyphs()[0].name, QString("my V"));
        // Glyph pixels are stored as bytes: within half a grey level.
        QVERIFY((opened.drawnGlyphs()[0].pixels - latentset::BuiltinGlyphs::render("V")).cwiseAbs().maxCoeff() <= 0.5f / 255 + 1e-6f);

        const latentset::Matrix x = testmodels::classGlyphs();
        QVERIFY(opened.classSet()->reconstructionErrors(x) == classSet->reconstructionErrors(x));
        QCOMPARE(opened.cubeMembers()->size(), 100);
        const latentset::Matrix g = x.leftCols(2);
        QVERIFY(opened.cubeMembers()->member(37).encode(latentset::CubeWorldView(*opened.cubeMembers(), *opened.cubeContexts()).inputFromGlyphs(37, g))
                == world.members->member(37).encode(latentset::CubeWorldView(*world.members, *world.contexts).inputFromGlyphs(37, g)));
    }

    void damagedFileIsRefused()
    {
        Session saved;
        saved.setClassSet(testmodels::classSet(1), testmodels::classGlyphNames());
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.latentset");
        ProjectFile::save(path, saved, {});
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(f.resize(size / 2)); // truncated
        f.close();
        Session opened;
        bool threw = false;
        try {
            ProjectFile::load(path, opened);
        } catch (const latentset::Error& e) {
            threw = true;
            QVERIFY2(QString(e.what()).contains("broken.latentset"), e.what());
        }
        QVERIFY(threw);
        QVERIFY(!opened.classSet());
    }
};

QTEST_MAIN(ProjectFileTest)
#include "ProjectFile.test.moc"
