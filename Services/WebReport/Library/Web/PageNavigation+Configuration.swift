import ServiceKit

extension PageNavigation {
    /// The bar linking the five services at the addresses the service was started with
    /// (`ServiceConfiguration.serviceURLs`, from `ServiceOptions`), so the pages read no
    /// environment of their own.
    init(configuration: ServiceConfiguration) {
        self.init(
            entries: Self.services.map { service in
                Entry(
                    service: service.service, labelKey: service.labelKey,
                    baseURL: configuration.serviceURLs[service.service] ?? "http://127.0.0.1:\(service.port)",
                    path: service.path)
            })
    }
}
