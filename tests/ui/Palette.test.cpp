// Palette (ui/image): viridis at its nine stops and linearly between them,
// the same colours as ColorMapView's plot gradient (so a map looks alike in
// the app and in a PNG of latentset-cli), and the CLI's grid of cells.
#include "image/Palette.h"
#include "widgets/ColorMapView.h"

#include <QtTest>

#include <cmath>
#include <limits>

class PaletteTest : public QObject {
    Q_OBJECT
private slots:
    void stopsAreViridis()
    {
        const Palette& p = Palette::viridis();
        QCOMPARE(int(p.stops().size()), 9);
        QCOMPARE(p.color(0.0).rgb(), QColor(0x44, 0x01, 0x54).rgb());
        QCOMPARE(p.color(0.5).rgb(), QColor(0x21, 0x91, 0x8c).rgb());
        QCOMPARE(p.color(1.0).rgb(), QColor(0xfd, 0xe7, 0x25).rgb());
        for (std::size_t i = 1; i < p.stops().size(); ++i)
            QVERIFY(p.stops()[i].position > p.stops()[i - 1].position);
    }

    void betweenStopsIsLinearAndOutsideIsClamped()
    {
        const Palette& p = Palette::viridis();
        // Halfway between 0x440154 and 0x472d7b: (68+71)/2, (1+45)/2, (84+123)/2, rounded.
        QCOMPARE(p.color(0.0625).rgb(), QColor(70, 23, 104).rgb());
        QCOMPARE(p.color(-3.0).rgb(), p.color(0.0).rgb());
        QCOMPARE(p.color(7.0).rgb(), p.color(1.0).rgb());
        QCOMPARE(p.color(std::numeric_limits<double>::quiet_NaN()).rgb(), p.color(0.0).rgb());
    }

    void colorMapViewShowsTheSameColours()
    {
        // ColorMapView quantises its gradient to 256 levels: at most one step
        // of 1/255 apart, which moves a channel by at most 3 (the steepest
        // one, red from 0x5e to 0xad over 1/8, climbs 632 per unit: 2.5).
        const Palette& p = Palette::viridis();
        for (int i = 0; i <= 100; ++i) {
            const double t = i / 100.0;
            const QColor a = p.color(t), b = ColorMapView::paletteColor(t);
            QVERIFY2(std::abs(a.red() - b.red()) <= 3 && std::abs(a.green() - b.green()) <= 3
                         && std::abs(a.blue() - b.blue()) <= 3,
                     qPrintable(QString("t = %1: %2 vs %3").arg(t).arg(a.name(), b.name())));
        }
    }

    void gridImageColoursCellsFromMinToMax()
    {
        latentset::Vector values(3);
        values << 2.0f, 6.0f, 4.0f;
        const QImage image = Palette::viridis().gridImage(values, 2, 3);
        QCOMPARE(image.size(), QSize(6, 6));
        QCOMPARE(image.pixel(0, 0), Palette::viridis().color(0.0).rgb());
        QCOMPARE(image.pixel(5, 2), Palette::viridis().color(1.0).rgb());
        QCOMPARE(image.pixel(1, 4), Palette::viridis().color(0.5).rgb());
        QCOMPARE(image.pixel(4, 4), qRgb(0, 0, 0)); // no fourth value
        latentset::Vector flat = latentset::Vector::Constant(4, 1.0f);
        QCOMPARE(Palette::viridis().gridImage(flat, 4, 1).pixel(3, 0), Palette::viridis().color(0.5).rgb());
    }
};

QTEST_MAIN(PaletteTest)
#include "Palette.test.moc"
