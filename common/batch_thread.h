// Throughput threads (page analysis, the page writer) ask the kernel not to let them preempt
// the crawl thread each time it hands them work. On two cores every wake-up of an analysis
// thread took the CPU from the crawl thread in the middle of its event loop (~800 times in a
// repeat audit's 0.7 s crawl), delaying the next requests; SCHED_BATCH threads still get
// their full share of CPU, but a wake-up no longer preempts the running thread.
#pragma once

namespace sightline {

// Marks the calling thread SCHED_BATCH, once per thread; false when the system refused
// (nothing else changes then).
bool MarkThreadAsBatch();

}  // namespace sightline
