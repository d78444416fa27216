import type { Command } from './types'

export const showSubscriptions: Command = {
  id: 'subscriptions',
  label: 'Subscriptions (Hugging Face, arXiv)…',
  group: 'App',
  keys: ['F'],
  perform: ({ store }) => store.setSubscriptionsDialogOpen(!store.subscriptionsDialogOpen),
}

export const fetchNow: Command = {
  id: 'fetch-now',
  label: 'Fetch new papers from the subscriptions now',
  group: 'App',
  keys: ['U'],
  perform: ({ store }) => void store.fetchSubscriptionsNow(),
}
