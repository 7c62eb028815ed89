import PayarchKit

/// libFuzzer entry: a pattern and a document through the regex safety check, the budgeted matcher and
/// the templating of string operands.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PipelineProbe.evaluate(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
