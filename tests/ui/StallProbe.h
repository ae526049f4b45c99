#pragma once
// The stall tests' probe is the app's own (ui/EventLoopStallProbe: a 2 ms
// timer's longest gap, wall and GUI-thread CPU), so the figures the tests
// assert and the ones `latentset --health-log` records are measured alike.
#include "async/EventLoopStallProbe.h"

namespace testmodels {

using StallProbe = EventLoopStallProbe;

} // namespace testmodels
