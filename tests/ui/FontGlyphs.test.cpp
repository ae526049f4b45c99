// Font glyphs (ui/image/FontGlyphs): installed families are found, a letter
// renders MNIST-like (ink inside the 20 x 20 box, centred), and the fonts
// world's data has one image per (family, character).
#include "image/FontGlyphs.h"

#include "latentset/data/GlyphNormalizer.h"
#include "latentset/world/PairedWorld.h"

#include <QtTest>

class FontGlyphsTest : public QObject {
    Q_OBJECT
private slots:
    void findsInstalledFamilies()
    {
        const QStringList families = FontGlyphs::families("AB");
        QVERIFY2(families.size() >= 2, qPrintable(families.join(", ")));
        QVERIFY(families.contains("DejaVu Sans")); // tools/setup.sh installs fonts-dejavu-core
        for (const QString& f : families)
            QVERIFY2(!f.contains('['), qPrintable(f)); // foundry duplicates merged
        QCOMPARE(FontGlyphs::families("AB", 1).size(), 1);
    }
    void rendersALetterLikeMnist()
    {
        const latentset::Vector a = FontGlyphs::render("DejaVu Sans", 'A');
        QCOMPARE(a.size(), latentset::Index(28 * 28));
        QVERIFY(a.maxCoeff() > 0.9f);
        // Next to nothing outside the central 20 x 20 box widened by a pixel
        // (the centring shift and anti-aliasing may reach a little further).
        float outside = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                if (x < 3 || x > 24 || y < 3 || y > 24)
                    outside += a(y * 28 + x);
        QVERIFY2(outside < 0.01f * a.sum(), qPrintable(QString::number(outside)));
        const Eigen::Vector2f c = latentset::GlyphNormalizer::centreOfMass(a, 28, 28);
        QVERIFY(std::abs(c.x() - 14.0f) < 0.5f && std::abs(c.y() - 14.0f) < 0.5f);
        // Another letter, another glyph.
        QVERIFY((FontGlyphs::render("DejaVu Sans", 'V') - a).cwiseAbs().sum() > 20.0f);
    }
    void makesTheFontsWorldsData()
    {
        const QStringList families = FontGlyphs::families("xy", 2);
        const auto images = FontGlyphs::pairedImages(families, "xyz");
        QCOMPARE(images->contexts.size(), std::size_t(2));
        QCOMPARE(images->items, (std::vector<std::string>{"x", "y", "z"}));
        const latentset::PairedWorld world(images);
        QCOMPARE(world.contextCount(), 2);
        QCOMPARE(world.frameSize(), latentset::Index(784));
    }
};

QTEST_MAIN(FontGlyphsTest)
#include "FontGlyphs.test.moc"
