import PayarchKit

/// A sandbox of planted symlinks, loops, a FIFO and a protected file, made once per fuzzing process.
let sandbox = try! OutputSandbox()

/// libFuzzer entry: the bytes are an output path inside the sandbox; the protected file must keep its
/// bytes and no temporary file may be left, whatever the path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if !PipelineProbe.writeOutput(bytes, sandbox: sandbox.sandbox, protected: sandbox.protected, depth: sandbox.depth) {
        fatalError("output path \(String(decoding: bytes, as: UTF8.self).debugDescription) broke an invariant")
    }
    return 0
}
