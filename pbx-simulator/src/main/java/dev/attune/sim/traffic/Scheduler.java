package dev.attune.sim.traffic;

/** Runs work at a PBX time (epoch seconds): on Vert.x timers live, or from a queue in batch generation. */
interface Scheduler {
  double now();

  void at(double time, Runnable work);
}
