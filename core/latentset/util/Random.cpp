#include "latentset/util/Random.h"

#include "latentset/util/Error.h"

#include <cmath>
#include <sstream>

namespace latentset {

double Random::normal()
{
    if (hasSpare_) {
        hasSpare_ = false;
        return spare_;
    }
    double u1 = uniform();
    while (u1 <= 1e-300)
        u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 2.0 * 3.14159265358979323846 * u2;
    spare_ = r * std::sin(a);
    hasSpare_ = true;
    return r * std::cos(a);
}

std::string Random::state() const
{
    std::ostringstream out;
    out << engine_ << ' ' << int(hasSpare_) << ' ';
    out.precision(17);
    out << spare_;
    return out.str();
}

void Random::setState(const std::string& state)
{
    std::istringstream in(state);
    int spare = 0;
    in >> engine_ >> spare >> spare_;
    if (!in)
        throw Error("random generator state is corrupted");
    hasSpare_ = spare != 0;
}

} // namespace latentset
