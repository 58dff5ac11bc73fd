package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.SchedulerService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SafetyNetSyncTest {

    private final AccountStore accounts = mock(AccountStore.class);
    private final RepositorySync sync = mock(RepositorySync.class);
    private final SchedulerService scheduler = mock(SchedulerService.class);
    private final PluginSettings settings = mock(PluginSettings.class);
    private final SafetyNetSync safetyNet = new SafetyNetSync(accounts, sync, scheduler, settings, Clock.systemUTC());

    private static AccountEntity account(int id, AccountStatus status, AuthType type) {
        AccountEntity account = mock(AccountEntity.class);
        when(account.getID()).thenReturn(id);
        when(account.getStatus()).thenReturn(status.name());
        when(account.getAuthType()).thenReturn(type.name());
        return account;
    }

    @Test
    void softSyncsOnlyActiveOAuth2Accounts() {
        List<AccountEntity> all = List.of(
                account(1, AccountStatus.ACTIVE, AuthType.OAUTH2_PRIVATE_CONSUMER),
                account(2, AccountStatus.NEEDS_REAUTHORISATION, AuthType.OAUTH2_AUTHORIZATION_CODE),
                account(3, AccountStatus.DELETING, AuthType.OAUTH2_PRIVATE_CONSUMER),
                account(4, AccountStatus.ACTIVE, AuthType.OAUTH1_LEGACY));
        when(accounts.all()).thenReturn(all);
        assertThat(safetyNet.runOnce()).isEqualTo(1);
        verify(sync).requestAccount(1, false);
        verify(sync, never()).requestAccount(eq(2), anyBoolean());
        verify(sync, never()).requestAccount(eq(3), anyBoolean());
        verify(sync, never()).requestAccount(eq(4), anyBoolean());
        verify(sync, never()).requestAccount(anyInt(), eq(true));
    }

    @Test
    void runsHourlyByDefaultAsOneClusterWideJob() {
        when(settings.get(SafetyNetSync.INTERVAL_SETTING)).thenReturn(Optional.empty());
        safetyNet.start();
        ArgumentCaptor<JobConfig> config = ArgumentCaptor.forClass(JobConfig.class);
        verify(scheduler).scheduleJob(eq(SafetyNetSync.RUNNER), config.capture());
        assertThat(((JobSchedule.Interval) config.getValue().schedule()).every()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theIntervalIsConfigurableWithASaneMinimum() {
        when(settings.get(SafetyNetSync.INTERVAL_SETTING)).thenReturn(Optional.of("15"));
        assertThat(safetyNet.interval()).isEqualTo(Duration.ofMinutes(15));
        when(settings.get(SafetyNetSync.INTERVAL_SETTING)).thenReturn(Optional.of("1"));
        assertThat(safetyNet.interval()).isEqualTo(Duration.ofMinutes(5));
        when(settings.get(SafetyNetSync.INTERVAL_SETTING)).thenReturn(Optional.of("soon"));
        assertThat(safetyNet.interval()).isEqualTo(Duration.ofHours(1));
    }
}
