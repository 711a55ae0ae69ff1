package text

// TUIText is the Bubble Tea walkthrough's own sentences (screens, keys, the API log): the
// ones plain mode has no use for. The step titles, target and scenario names and teardown
// words it shares with plain mode are in Text itself.
type TUIText struct{}
