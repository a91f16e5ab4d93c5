-- Opens and clicks count people, not requests: events without a person (the replayed tokens of erased people) no
-- longer count. The figures kept for settled mailings were computed the old way; dropping them makes the next report
-- compute them again (mailing_figures is a cache of what the ledger, bounces and events say).
DELETE FROM mailing_figures;
