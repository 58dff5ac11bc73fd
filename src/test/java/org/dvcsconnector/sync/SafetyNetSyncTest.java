package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.spi.ActiveObjects;
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
    private final ChangedRepositories changed = mock(ChangedRepositories.class);
    private final SafetyNetSync safetyNet = new SafetyNetSync(accounts, sync, changed, id -> RequestBudget.UNLIMITED,
            scheduler, settings, Clock.systemUTC());

    private static AccountEntity account(int id, AccountStatus status, AuthType type) {
        AccountEntity account = mock(AccountEntity.class);
        when(account.getID()).thenReturn(id);
        when(account.getStatus()).thenReturn(status.name());
        when(account.getAuthType()).thenReturn(type.name());
        return account;
    }

    @Test
    void looksOnlyAtActiveOAuth2Accounts() throws Exception {
        List<AccountEntity> all = List.of(
                account(1, AccountStatus.ACTIVE, AuthType.OAUTH2_PRIVATE_CONSUMER),
                account(2, AccountStatus.NEEDS_REAUTHORISATION, AuthType.OAUTH2_AUTHORIZATION_CODE),
                account(3, AccountStatus.DELETING, AuthType.OAUTH2_PRIVATE_CONSUMER),
                account(4, AccountStatus.ACTIVE, AuthType.OAUTH1_LEGACY));
        when(accounts.all()).thenReturn(all);
        ActiveObjects ao = mock(ActiveObjects.class);
        when(accounts.ao()).thenReturn(ao);
        when(ao.find(eq(SafetyNetCursorEntity.class), any(Query.class))).thenReturn(new SafetyNetCursorEntity[0]);
        when(ao.find(eq(SafetyNetCursorEntity.class), eq("ACCOUNT_ID = ?"), any())).thenReturn(new SafetyNetCursorEntity[0]);
        RepositoryEntity repository = mock(RepositoryEntity.class);
        when(repository.getID()).thenReturn(11);
        when(repository.getSlug()).thenReturn("r");
        when(repository.isLinked()).thenReturn(true);
        for (AccountEntity account : all) {
            when(accounts.repositories(account.getID())).thenReturn(List.of(repository));
        }
        when(sync.progress()).thenReturn(Map.of());
        when(changed.since(any(), any(Instant.class))).thenReturn(new ChangedRepositories.Listing(List.of(), 1));

        assertThat(safetyNet.runOnce()).isEqualTo(1);
        verify(changed).since(eq(all.get(0)), any(Instant.class));
        verify(changed, never()).since(eq(all.get(1)), any(Instant.class));
        verify(changed, never()).since(eq(all.get(2)), any(Instant.class));
        verify(changed, never()).since(eq(all.get(3)), any(Instant.class));
        verify(sync).request(11, false); // its rotation: one repository, so it is due every run
        verify(sync, never()).request(anyInt(), eq(true));
        verify(sync, never()).requestAccount(anyInt(), anyBoolean());
    }

    @Test
    void asksBitbucketForWhatChangedInItsQueryLanguage() {
        assertThat(ChangedRepositories.query(Instant.parse("2026-12-01T00:00:00.750Z")))
                .isEqualTo("updated_on > 2026-12-01T00:00:00+00:00");
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
