import PayarchKit

/// libFuzzer entry: the YAML loader, the spec loader and the input decoder on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PipelineProbe.load(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
