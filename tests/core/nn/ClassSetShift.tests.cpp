// ClassSetTask's translation augmentation: a member trained on one image
// with shiftPixels = 1 has also seen it moved by a pixel, so it reconstructs
// the moved image much better than a member trained without; bad settings
// throw; the same seed gives the same bits.
#include "latentset/data/Dataset.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {
constexpr int side = 7;

// A 3x3 bright square whose top-left corner is at (x, y) on a 7x7 canvas.
std::vector<std::uint8_t> square(int x, int y)
{
    std::vector<std::uint8_t> p(side * side, 0);
    for (int dy = 0; dy < 3; ++dy)
        for (int dx = 0; dx < 3; ++dx)
            p[std::size_t((y + dy) * side + x + dx)] = 255;
    return p;
}

// One class: the centred square, repeated (the member sees nothing else
// unless the task moves it).
std::vector<Dataset> centredOnly()
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < 16; ++i) {
        const auto s = square(2, 2);
        pixels.insert(pixels.end(), s.begin(), s.end());
        labels.push_back(0);
    }
    return {Dataset(side, side, std::move(pixels), std::move(labels), {}, "centred square")};
}

ClassSetTask shiftTask(int shift)
{
    ClassSetSettings s;
    s.batchSize = 16;
    s.optimizer.learningRate = 1e-2f;
    s.shiftPixels = shift;
    s.seed = 3;
    return ClassSetTask(AutoencoderSet(AutoencoderConfig::make(side * side, {32}, 4, true), 1, 11),
                        centredOnly(), s);
}

Matrix image(int x, int y)
{
    const auto p = square(x, y);
    Matrix m(side * side, 1);
    for (int k = 0; k < side * side; ++k)
        m(k, 0) = p[std::size_t(k)] / 255.0f;
    return m;
}
} // namespace

TEST_CASE("ClassSetTask: translation augmentation teaches a member the moved images", "[nn]")
{
    ClassSetTask plain = shiftTask(0), shifted = shiftTask(1);
    ThreadPool pool(1);
    for (int k = 0; k < 400; ++k) {
        plain.step(pool, k / 400.0, 1.0);
        shifted.step(pool, k / 400.0, 1.0);
    }
    const Matrix moved = image(3, 1); // one right, one up: never in the data itself
    const float plainError = plain.set().reconstructionErrors(moved, nullptr, LossKind::SquaredError)(0, 0);
    const float shiftedError = shifted.set().reconstructionErrors(moved, nullptr, LossKind::SquaredError)(0, 0);
    INFO("moved square, squared error: plain " << plainError << ", shift-trained " << shiftedError);
    CHECK(shiftedError < 0.25f * plainError);
    // Both still explain the centred square itself.
    const Matrix centred = image(2, 2);
    CHECK(shifted.set().reconstructionErrors(centred, nullptr, LossKind::SquaredError)(0, 0) < 0.5f);

    // Same seed, same bits.
    ClassSetTask again = shiftTask(1);
    for (int k = 0; k < 400; ++k)
        again.step(pool, k / 400.0, 1.0);
    CHECK((again.set().member(0).reconstruct(moved) - shifted.set().member(0).reconstruct(moved))
              .cwiseAbs()
              .maxCoeff()
          == 0.0f);
}

TEST_CASE("ClassSetTask: a shift outside 0..8 pixels is refused", "[nn]")
{
    CHECK_THROWS_AS(shiftTask(-1), Error);
    CHECK_THROWS_AS(shiftTask(9), Error);
}
