import PayarchKit

/// Rules, templates and the default spec, loaded once from the checkout.
let resources = (try! ResourceLocator.locate())!
let generator = try! DesignGenerator(rulesDirectory: resources.rulesDirectory, templatesDirectory: resources.templatesDirectory)
let fallbackSpec = try! PromptSpecLoader().load(SourceFile.read(resources.defaultSpec))

/// libFuzzer entry: spec bytes and input bytes through generate, validate and the linter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PipelineProbe.run(Array(UnsafeBufferPointer(start: data, count: size)), generator: generator, fallbackSpec: fallbackSpec)
    return 0
}
