# Sourced by bin/early-warning (replay, backtest) and bin/bench (the throughput benchmarks): huge pages for a JVM that
# touches its memory once. Each first touch of a 4 KiB page is a page fault, an eighth of a 2M replay's CPU; where the
# kernel gives huge pages on request (transparent huge pages in `madvise` mode, as on Debian), the heap asks for them,
# and so does malloc, where Flink's network buffers live (zeroed on the main thread before a job starts: 1.4 s of CPU
# for a large recording's 448 MiB). Taken from malloc's heap rather than mapped one by one, and that heap grown 64 MiB
# at a time, the buffers can lie in 2 MiB pages (docs/performance.md, page faults).

# Sets HUGE_PAGES_OPT to the JVM's option and adds glibc's tunables to GLIBC_TUNABLES (exported, after any of the
# user's own); where the kernel does not give huge pages on request, HUGE_PAGES_OPT is empty and nothing else changes.
huge_pages() {
  HUGE_PAGES_OPT=""
  grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || return 0
  HUGE_PAGES_OPT="-XX:+UseTransparentHugePages"
  local ours="glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.top_pad=67108864"
  case ":${GLIBC_TUNABLES:-}:" in
    *":$ours:"*) ;; # already there (bin/bench's replays run bin/early-warning)
    *) export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$ours" ;;
  esac
}
