import Testing

@testable import ServiceKit

@Suite struct DoorbellTests {
    @Test func wait_returnsAtOnce_whenRungBefore() async {
        let bell = Doorbell()
        bell.ring()
        let started = ContinuousClock.now
        await bell.wait(timeout: .seconds(60))
        // Far below the timeout even on a loaded machine: it did not wait for the timeout.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func wait_timesOut_whenNeverRung() async {
        let bell = Doorbell()
        let started = ContinuousClock.now
        await bell.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - started >= .milliseconds(100))
    }

    @Test func ring_wakesAWaiter() async {
        let bell = Doorbell()
        let started = ContinuousClock.now
        async let waited: Void = bell.wait(timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        bell.ring()
        await waited
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func ring_isRememberedOnlyOnce() async {
        let bell = Doorbell()
        bell.ring()
        bell.ring()
        await bell.wait(timeout: .seconds(60))
        let started = ContinuousClock.now
        await bell.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - started >= .milliseconds(100))
    }
}
