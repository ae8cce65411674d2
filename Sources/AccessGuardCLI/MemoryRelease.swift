#if canImport(Glibc)
import Glibc
#endif

/// The return of freed memory to the system.
enum MemoryRelease {
    /// Reading, linking and the analysis each free many small blocks. glibc keeps them in the
    /// arena of the thread that allocated them, where the next phase's threads mostly do not
    /// reuse them, so the resident memory would grow by each phase on top of the last.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // `malloc_trim` is declared in <malloc.h>, which the Glibc module leaves out.
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
